package dev.orderpipeline.events.facts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.Money;

/**
 * An order was accepted: stock is reserved and the order is committed.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream
 * @param tenantId the order's tenant, never {@code null}
 * @param order who ordered what, for how much
 * @param placedAt when the order was committed
 * @param sourceVersion the major version of {@code order.placed} it was read from
 */
public record OrderPlaced(UUID orderId, long sequence, String tenantId, OrderDetails order, Instant placedAt,
		int sourceVersion) implements OrderFact {

	@Override
	public Instant occurredAt() {
		return this.placedAt;
	}

	public String customerId() {
		return this.order.customerId();
	}

	public String customerEmail() {
		return this.order.customerEmail();
	}

	public List<OrderDetails.Line> lines() {
		return this.order.lines();
	}

	public Money subtotal() {
		return this.order.subtotal();
	}

	public Money tax() {
		return this.order.tax();
	}

	public Money total() {
		return this.order.total();
	}

	public String currency() {
		return this.order.currency();
	}

}
