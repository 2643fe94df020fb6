package dev.orderpipeline.search.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The rebuild endpoints' own failures as RFC 9457 problem documents. */
@RestControllerAdvice(assignableTypes = ProjectionRebuildController.class)
class RebuildProblems {

	@ExceptionHandler
	ProblemDetail alreadyRunning(RebuildAlreadyRunningException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Rebuild already running");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(RebuildNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Rebuild not found");
		return problem;
	}

}
