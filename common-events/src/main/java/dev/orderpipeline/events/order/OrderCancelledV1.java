package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was cancelled and its stock reservation released. Wire type
 * {@code order.cancelled.v1}.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream; greater than the placement's
 * @param releasedLines the stock given back, per product
 * @param cancelledAt when the cancellation was committed
 * @param reason why, as given by the caller; {@code null} if none was given
 * @param tenantId the tenant the order belongs to; {@code null} in events from before
 * tenancy (read those with {@link #tenantOrDefault()})
 */
public record OrderCancelledV1(UUID orderId, long sequence, List<ReleasedLine> releasedLines, Instant cancelledAt,
		String reason, String tenantId) implements OrderEvent {

	public OrderCancelledV1 {
		Contracts.required(orderId, "orderId");
		Contracts.sequence(sequence);
		releasedLines = List.copyOf(Contracts.required(releasedLines, "releasedLines"));
		Contracts.required(cancelledAt, "cancelledAt");
		Contracts.optionalTenant(tenantId);
	}

	@Override
	public Instant occurredAt() {
		return this.cancelledAt;
	}

	/**
	 * Stock released for one product.
	 *
	 * @param sku the product
	 * @param quantity units released, at least 1
	 */
	public record ReleasedLine(String sku, int quantity) {

		public ReleasedLine {
			Contracts.required(sku, "sku");
			Contracts.quantity(quantity);
		}

	}

}
