package dev.orderpipeline.orders.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.orders.money.Money;

/**
 * A placed order was cancelled and the stock of its lines released. It repeats the order
 * as placed, so the published event can carry what a consumer needs to reverse it.
 *
 * @param reason why, as given by the caller; {@code null} if none was given
 */
public record OrderCancelled(UUID orderId, String tenantId, String customerId, String customerEmail,
		List<OrderLine> releasedLines, Money subtotal, Money tax, Money total, Instant cancelledAt,
		String reason) implements OrderEvent {

}
