package dev.orderpipeline.orders.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.orders.catalog.ProductAlreadyExistsException;
import dev.orderpipeline.orders.catalog.ProductNotFoundException;
import dev.orderpipeline.orders.catalog.StockBelowReservedException;
import dev.orderpipeline.orders.catalog.domain.InsufficientStockException;
import dev.orderpipeline.orders.idempotency.IdempotencyKeyInProgressException;
import dev.orderpipeline.orders.idempotency.IdempotencyKeyReusedException;
import dev.orderpipeline.orders.order.OrderNotFoundException;
import dev.orderpipeline.orders.order.domain.InvalidOrderTransitionException;
import dev.orderpipeline.orders.order.domain.OrderRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem document with a stable type URI. Details
 * describe what the client did; they never carry stack traces, SQL or class names.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	static final String RETRY_AFTER_SECONDS = "2";

	@ExceptionHandler
	ResponseEntity<Object> orderRejected(OrderRejectedException ex, WebRequest request) {
		return validationProblem(ex.violations()
			.stream()
			.map((violation) -> new FieldError(violation.field(), violation.message()))
			.toList(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> invalidRequest(InvalidRequestException ex, WebRequest request) {
		return validationProblem(ex.errors(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> callerWithoutTenant(CallerWithoutTenantException ex, WebRequest request) {
		return respond(problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage()), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> insufficientStock(InsufficientStockException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.INSUFFICIENT_STOCK, "Insufficient stock",
				"Not enough stock for " + ex.shortages().size() + " line(s); nothing was reserved.");
		problem.setProperty("shortages",
				ex.shortages()
					.stream()
					.map((shortage) -> Map.of("sku", shortage.sku(), "requested", shortage.requested(), "available",
							shortage.available()))
					.toList());
		return respond(problem, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> orderNotFound(OrderNotFoundException ex, WebRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Order not found", ex.getMessage()),
				request);
	}

	@ExceptionHandler
	ResponseEntity<Object> productNotFound(ProductNotFoundException ex, WebRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Product not found", ex.getMessage()),
				request);
	}

	@ExceptionHandler
	ResponseEntity<Object> productExists(ProductAlreadyExistsException ex, WebRequest request) {
		return respond(
				problem(HttpStatus.CONFLICT, ProblemTypes.PRODUCT_EXISTS, "Product already exists", ex.getMessage()),
				request);
	}

	@ExceptionHandler
	ResponseEntity<Object> stockBelowReserved(StockBelowReservedException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.STOCK_BELOW_RESERVED,
				"Stock below reserved quantity", ex.getMessage());
		problem.setProperty("sku", ex.sku());
		problem.setProperty("requestedOnHand", ex.requestedOnHand());
		problem.setProperty("reserved", ex.reserved());
		return respond(problem, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> invalidTransition(InvalidOrderTransitionException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.INVALID_ORDER_TRANSITION,
				"Invalid order transition", ex.getMessage());
		problem.setProperty("status", ex.from().name());
		return respond(problem, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> keyInProgress(IdempotencyKeyInProgressException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.IDEMPOTENCY_KEY_IN_PROGRESS,
				"Request in progress", ex.getMessage() + "; retry later to get its response.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONFLICT, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> keyReused(IdempotencyKeyReusedException ex, WebRequest request) {
		return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
				"Idempotency key reused", ex.getMessage()), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> integrityViolation(DataIntegrityViolationException ex, WebRequest request) {
		logger.warn("Request conflicted with a database constraint", ex);
		return respond(problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
				"The request conflicts with the current state; re-read and retry."), request);
	}

	/**
	 * The database is down, the pool is exhausted past its 2 s timeout, or a lock could
	 * not be taken: the request may well succeed later, so say so instead of hanging or
	 * 500.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class })
	ResponseEntity<Object> unavailable(Exception ex, WebRequest request) {
		logger.warn("Database unavailable: {}", ex.toString());
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
				"Service unavailable", "The order database is temporarily unavailable; retry later.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure", ex);
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"The request could not be processed."), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyTooLargeException tooLarge = findCause(ex, RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			return respond(problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
					tooLarge.getMessage()), request);
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
				describe(ex));
		JacksonException jackson = findCause(ex, JacksonException.class);
		if (jackson != null && !jackson.getPath().isEmpty()) {
			problem.setProperty("errors", List.of(new FieldError(pathOf(jackson), typeMessage(jackson))));
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
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
		return validationProblem(errors, request);
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
		return validationProblem(List.of(new FieldError(name, "must be " + expected)), request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return validationProblem(List.of(new FieldError(ex.getParameterName(), "is required")), request);
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

	private ResponseEntity<Object> validationProblem(List<FieldError> errors, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
				"The request has " + errors.size() + " invalid field(s).");
		problem.setProperty("errors", errors);
		return respond(problem, request);
	}

	private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
		return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	private static String describe(HttpMessageNotReadableException ex) {
		JacksonException jackson = findCause(ex, JacksonException.class);
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

	// Jackson's own messages name Java types; this says what was expected in JSON terms.
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

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
