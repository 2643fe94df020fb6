package dev.orderpipeline.search.rebuild;

import dev.orderpipeline.support.problem.ProblemTypes;
import dev.orderpipeline.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The rebuild endpoints' own failures as RFC 9457 problem documents. */
@RestControllerAdvice(assignableTypes = ProjectionRebuildController.class)
class RebuildProblems {

	@ExceptionHandler
	ProblemDetail alreadyRunning(RebuildAlreadyRunningException ex) {
		return Problems.problem(HttpStatus.CONFLICT, ProblemTypes.of("rebuild-running"), "Rebuild already running",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notFound(RebuildNotFoundException ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Rebuild not found", ex.getMessage());
	}

}
