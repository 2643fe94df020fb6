package dev.orderpipeline.search.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Invalid search parameters as an RFC 9457 problem document with one entry per parameter
 * under {@code errors}. Framework exceptions (unknown path, wrong method...) keep Boot's
 * problem details.
 */
@RestControllerAdvice(assignableTypes = OrderSearchController.class)
class SearchProblems {

	private static final Logger logger = LoggerFactory.getLogger(SearchProblems.class);

	@ExceptionHandler
	ProblemDetail invalidSearch(InvalidSearchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The search parameters are invalid; see errors.");
		problem.setTitle("Invalid search parameters");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	/**
	 * The database is down or the pool exhausted: worth retrying, and not the client's
	 * fault.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			CannotGetJdbcConnectionException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex) {
		logger.warn("Search failed, database unavailable: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The search database is temporarily unavailable; retry later.");
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
	}

}
