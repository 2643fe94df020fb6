package dev.orderpipeline.support.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds problem documents for a service's own exception handlers, so that every
 * service's problems have the same members. A handler may return the
 * {@link ProblemDetail} itself; Spring MVC takes the status from it and fills in
 * {@code instance}.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** A 400 {@link ProblemTypes#VALIDATION validation} problem listing the fields. */
	public static ProblemDetail invalid(String title, String detail, List<FieldError> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, title, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** {@link #invalid(String, String, List)} with the common title and detail. */
	public static ProblemDetail invalid(List<FieldError> errors) {
		return invalid(InvalidRequestException.DEFAULT_TITLE, InvalidRequestException.detailFor(errors), errors);
	}

	/** The problem with a {@code Retry-After} header: the request may succeed later. */
	public static ResponseEntity<ProblemDetail> retryAfter(ProblemDetail problem, Duration after) {
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, after.toSeconds())))
			.body(problem);
	}

}
