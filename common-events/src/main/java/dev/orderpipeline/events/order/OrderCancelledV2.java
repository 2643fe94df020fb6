package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An order was cancelled and its whole stock reservation released; the second major
 * version of {@code order.cancelled}. Unlike v1 it repeats the order as placed (customer,
 * lines, totals) and always names the tenant, so a consumer can reverse the order's
 * effects, or tell the customer, without keeping a ledger of placements of its own, even
 * when the cancellation arrives before the placement. The released stock is the ordered
 * lines. Wire type {@code order.cancelled.v2}.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream; greater than the placement's
 * @param tenantId the tenant the order belongs to
 * @param customer who placed the order
 * @param lines the order's lines as placed, at least one; their stock is released
 * @param totals the order's amounts as placed
 * @param cancelledAt when the cancellation was committed
 * @param reason why, as given by the caller; {@code null} if none was given
 */
public record OrderCancelledV2(UUID orderId, long sequence, String tenantId, OrderPlacedV2.Customer customer,
		List<OrderPlacedV2.Line> lines, OrderPlacedV2.Totals totals, Instant cancelledAt,
		String reason) implements OrderEvent {

	public OrderCancelledV2 {
		Contracts.required(orderId, "orderId");
		Contracts.sequence(sequence);
		Contracts.required(tenantId, "tenantId");
		Contracts.optionalTenant(tenantId);
		Contracts.required(customer, "customer");
		lines = Contracts.nonEmpty(lines, "lines");
		Contracts.required(totals, "totals");
		Contracts.required(cancelledAt, "cancelledAt");
		Contracts.sameCurrency(totals.total().currency(), Stream.concat(Stream.of(totals.subtotal(), totals.tax()),
				lines.stream().flatMap((line) -> Stream.of(line.unitPrice(), line.lineTotal()))));
	}

	@Override
	public Instant occurredAt() {
		return this.cancelledAt;
	}

}
