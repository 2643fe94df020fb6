package dev.orderpipeline.search.query;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Invalid search parameters as an RFC 9457 problem document with one entry per parameter
 * under {@code errors}. Framework exceptions (unknown path, wrong method...) keep Boot's
 * problem details.
 */
@RestControllerAdvice(assignableTypes = OrderSearchController.class)
class SearchProblems {

	@ExceptionHandler
	ProblemDetail invalidSearch(InvalidSearchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The search parameters are invalid; see errors.");
		problem.setTitle("Invalid search parameters");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

}
