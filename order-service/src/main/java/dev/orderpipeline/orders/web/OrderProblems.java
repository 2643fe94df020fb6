package dev.orderpipeline.orders.web;

import java.net.URI;
import java.time.Duration;
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
import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.ProblemTypes;
import dev.orderpipeline.support.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The order service's own failures as problem documents with stable type URIs. Everything
 * else (validation, unreadable bodies, an unreachable database, the unexpected) is the
 * shared edge's ({@code dev.orderpipeline.support.problem}).
 */
@RestControllerAdvice
class OrderProblems {

	static final URI INSUFFICIENT_STOCK = ProblemTypes.of("insufficient-stock");

	static final URI INVALID_ORDER_TRANSITION = ProblemTypes.of("invalid-order-transition");

	static final URI STOCK_BELOW_RESERVED = ProblemTypes.of("stock-below-reserved");

	static final URI PRODUCT_EXISTS = ProblemTypes.of("product-exists");

	static final URI IDEMPOTENCY_KEY_IN_PROGRESS = ProblemTypes.of("idempotency-key-in-progress");

	static final URI IDEMPOTENCY_KEY_REUSED = ProblemTypes.of("idempotency-key-reused");

	@ExceptionHandler
	ProblemDetail orderRejected(OrderRejectedException ex) {
		return Problems.invalid(ex.violations()
			.stream()
			.map((violation) -> new FieldError(violation.field(), violation.message()))
			.toList());
	}

	@ExceptionHandler
	ProblemDetail callerWithoutTenant(CallerWithoutTenantException ex) {
		return Problems.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail insufficientStock(InsufficientStockException ex) {
		ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, INSUFFICIENT_STOCK, "Insufficient stock",
				"Not enough stock for " + ex.shortages().size() + " line(s); nothing was reserved.");
		problem.setProperty("shortages",
				ex.shortages()
					.stream()
					.map((shortage) -> Map.of("sku", shortage.sku(), "requested", shortage.requested(), "available",
							shortage.available()))
					.toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail productNotFound(ProductNotFoundException ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Product not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail productExists(ProductAlreadyExistsException ex) {
		return Problems.problem(HttpStatus.CONFLICT, PRODUCT_EXISTS, "Product already exists", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail stockBelowReserved(StockBelowReservedException ex) {
		ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, STOCK_BELOW_RESERVED,
				"Stock below reserved quantity", ex.getMessage());
		problem.setProperty("sku", ex.sku());
		problem.setProperty("requestedOnHand", ex.requestedOnHand());
		problem.setProperty("reserved", ex.reserved());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidTransition(InvalidOrderTransitionException ex) {
		ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, INVALID_ORDER_TRANSITION,
				"Invalid order transition", ex.getMessage());
		problem.setProperty("status", ex.from().name());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyInProgress(IdempotencyKeyInProgressException ex) {
		return Problems.retryAfter(Problems.problem(HttpStatus.CONFLICT, IDEMPOTENCY_KEY_IN_PROGRESS,
				"Request in progress", ex.getMessage() + "; retry later to get its response."), Duration.ofSeconds(1));
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				ex.getMessage());
	}

}
