package dev.orderpipeline.orders.order;

import dev.orderpipeline.orders.order.domain.CancelReason;
import dev.orderpipeline.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The optional body of a cancel: why. No body, or no {@code reason}, cancels without one.
 *
 * @param reason why the caller cancels, at most {@value CancelReason#MAX_LENGTH}
 * characters
 */
@Schema(name = "CancelOrder")
record CancelOrderRequest(@Schema(description = "Why the order is cancelled; shown to the customer",
		maxLength = CancelReason.MAX_LENGTH, nullable = true) String reason) {

	/**
	 * The reason as the domain takes it.
	 * @param request the body, or {@code null} if none was sent
	 * @return the reason, or {@code null} if none was given
	 * @throws InvalidRequestException if the reason is blank, too long or not printable
	 */
	static CancelReason reasonOf(CancelOrderRequest request) {
		if (request == null || request.reason() == null) {
			return null;
		}
		try {
			return new CancelReason(request.reason());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("reason", ex.getMessage());
		}
	}

}
