package dev.orderpipeline.analytics.reports;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns this service's own validation failures into RFC 9457 problem documents with the
 * offending parameters. Missing or unparseable parameters are answered by Spring's
 * problem details support ({@code spring.mvc.problemdetails.enabled}).
 */
@RestControllerAdvice(assignableTypes = AnalyticsController.class)
class ReportProblems {

	/**
	 * {@code @ResponseStatus} also lets springdoc list the 400 response on every
	 * endpoint.
	 */
	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail invalidQuery(InvalidReportQuery ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The query parameters are not acceptable.");
		problem.setTitle("Invalid report query");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

}
