package dev.orderpipeline.support.problem;

import java.util.Collection;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Describes an unreadable request body in JSON terms: Jackson's own messages name Java
 * types and classes, which a problem must never reveal.
 */
final class UnreadableBody {

	private UnreadableBody() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex) {
		RequestBodyTooLargeException tooLarge = findCause(ex, RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
					tooLarge.getMessage());
		}
		JacksonException jackson = findCause(ex, JacksonException.class);
		ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
				"Malformed request", describe(jackson));
		if (jackson != null && !jackson.getPath().isEmpty()) {
			problem.setProperty("errors", List.of(new FieldError(pathOf(jackson), typeMessage(jackson))));
		}
		return problem;
	}

	private static String describe(JacksonException jackson) {
		if (jackson == null) {
			return "The request body is missing or unreadable.";
		}
		if (jackson instanceof MismatchedInputException) {
			return "The request body has a member of the wrong type.";
		}
		if (jackson instanceof StreamReadException) {
			return "The request body is not valid JSON.";
		}
		return "The request body could not be read.";
	}

	private static String typeMessage(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> target = mismatch.getTargetType();
			if (Number.class.isAssignableFrom(target) || target == int.class || target == long.class) {
				return "must be a whole number within range";
			}
			if (target == String.class) {
				return "must be a string";
			}
			if (target == Boolean.class || target == boolean.class) {
				return "must be true or false";
			}
			if (Collection.class.isAssignableFrom(target)) {
				return "must be an array";
			}
			return "must be an object";
		}
		return "has an invalid value";
	}

	private static String pathOf(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
