package dev.orderpipeline.events.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order was cancelled and its stock reservation released.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream; greater than the placement's
 * @param tenantId the order's tenant, never {@code null}
 * @param releasedLines the stock given back, per product
 * @param cancelledAt when the cancellation was committed
 * @param reason why, as given by the caller; {@code null} if none was given
 * @param order the order as placed; empty when read from {@code order.cancelled.v1},
 * which did not carry it
 * @param sourceVersion the major version of {@code order.cancelled} it was read from
 */
public record OrderCancelled(UUID orderId, long sequence, String tenantId, List<ReleasedLine> releasedLines,
		Instant cancelledAt, String reason, Optional<OrderDetails> order, int sourceVersion) implements OrderFact {

	public OrderCancelled {
		releasedLines = List.copyOf(releasedLines);
	}

	@Override
	public Instant occurredAt() {
		return this.cancelledAt;
	}

	/**
	 * Stock released for one product.
	 *
	 * @param sku the product
	 * @param quantity units released
	 */
	public record ReleasedLine(String sku, int quantity) {

	}

}
