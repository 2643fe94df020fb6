package dev.orderpipeline.notification.history;

import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The notification endpoints' errors as RFC 9457 problems: bad query parameters naming
 * each parameter and what is wrong with it (Boot's generic handler would say only
 * "Validation failure"), unknown ids, resends of notifications that have not failed.
 * Limited to this package's controller so the runtime's dead-letter endpoints keep their
 * own errors.
 */
@RestControllerAdvice(assignableTypes = NotificationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotificationProblems {

	@ExceptionHandler
	ProblemDetail invalidParameters(HandlerMethodValidationException ex) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", name(result), "message", message(error))))
			.toList();
		return badRequest(errors);
	}

	@ExceptionHandler
	ProblemDetail unreadableParameter(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		String message = (ex.getRequiredType() != null && ex.getRequiredType().isEnum())
				? "must be one of " + List.of(ex.getRequiredType().getEnumConstants())
				: "'" + ex.getValue() + "' is not a valid " + expected;
		return badRequest(List.of(Map.of("field", ex.getName(), "message", message)));
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(Conflict ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
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

	private static ProblemDetail badRequest(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request parameters");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String name(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return (name != null) ? name : "parameter " + result.getMethodParameter().getParameterIndex();
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

}
