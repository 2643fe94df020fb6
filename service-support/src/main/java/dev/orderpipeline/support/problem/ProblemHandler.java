package dev.orderpipeline.support.problem;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.orderpipeline.support.database.LostDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure that no service handler claims into an RFC 9457 problem document
 * with a stable type URI ({@link ProblemTypes}). Details describe what the client did;
 * they never carry stack traces, SQL or class names.
 *
 * <p>
 * Ordered last: a service's own {@code @RestControllerAdvice} (its domain exceptions) is
 * asked first, so this catch-all never shadows it.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	private final HttpEdgeProperties properties;

	ProblemHandler(HttpEdgeProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler
	ResponseEntity<Object> invalidRequest(InvalidRequestException ex, WebRequest request) {
		return respond(Problems.invalid(ex.title(), ex.detail(), ex.errors()), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> integrityViolation(DataIntegrityViolationException ex, WebRequest request) {
		logger.warn("Request conflicted with a database constraint", ex);
		return respond(Problems.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
				"The request conflicts with the current state; re-read and retry."), request);
	}

	/**
	 * The database is down, the pool is exhausted past its timeout, or a lock could not
	 * be taken: the request may well succeed later, so say so instead of hanging or 500.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class, SQLTransientConnectionException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
		logger.warn("Database unavailable: {}", ex.toString());
		ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
				"Service unavailable", this.properties.databaseUnavailableDetail());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			// Spring Security's filters answer these with their own problems (401, 403).
			throw ex;
		}
		if (LostDatabase.in(ex) || transientBehindFailedRollback(ex)) {
			return databaseUnavailable(ex, request);
		}
		logger.error("Unexpected failure", ex);
		return respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"The request could not be processed."), request);
	}

	/**
	 * A failure this handler answers with 503 on its own (a statement timeout, a lock not
	 * taken) can arrive only as the application exception of a rollback that failed
	 * because the pool had closed the connection: answer it the same way, not 500.
	 */
	private static boolean transientBehindFailedRollback(Exception ex) {
		return ex instanceof TransactionSystemException failed
				&& failed.getApplicationException() instanceof TransientDataAccessException;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = UnreadableBody.problem(ex);
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		return respond(Problems.invalid(errors), request);
	}

	/** {@code @Min}, {@code @Pattern}... on controller method parameters. */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldError(parameterName(result.getMethodParameter()),
						(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")))
			.toList();
		return respond(Problems.invalid(errors), request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		Class<?> required = ex.getRequiredType();
		String expected = (required != null && required.isEnum())
				? "one of " + Arrays.toString(required.getEnumConstants())
				: "a valid " + ((required != null) ? required.getSimpleName() : "value");
		return respond(Problems.invalid(List.of(new FieldError(name, "must be " + expected))), request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(Problems.invalid(List.of(new FieldError(ex.getParameterName(), "is required"))), request);
	}

	/** Gives framework-built problems (405, 406, 415, ...) our stable type URIs. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(ProblemTypes.forStatus(statusCode.value()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
		return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	private static String parameterName(org.springframework.core.MethodParameter parameter) {
		String name = parameter.getParameterName();
		return (name != null) ? name : "parameter " + parameter.getParameterIndex();
	}

}
