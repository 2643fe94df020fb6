package dev.orderpipeline.notification.history;

import dev.orderpipeline.support.problem.ProblemTypes;
import dev.orderpipeline.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The notification endpoints' own failures as RFC 9457 problems: unknown ids, resends of
 * notifications that have not failed. Bad parameters (each named under {@code errors}),
 * an unreachable database and the unexpected are service-support's shared edge.
 */
@RestControllerAdvice(assignableTypes = NotificationController.class)
class NotificationProblems {

	@ExceptionHandler
	ProblemDetail notFound(NotFound ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Notification not found",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(Conflict ex) {
		return Problems.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", ex.getMessage());
	}

	static final class NotFound extends RuntimeException {

		NotFound(long id) {
			super("No notification " + id);
		}

	}

	static final class Conflict extends RuntimeException {

		Conflict(String message) {
			super(message);
		}

	}

}
