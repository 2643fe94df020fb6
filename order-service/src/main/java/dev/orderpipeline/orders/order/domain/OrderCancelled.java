package dev.orderpipeline.orders.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A placed order was cancelled and the stock of its lines released. */
public record OrderCancelled(UUID orderId, String tenantId, String customerId, List<OrderLine> releasedLines,
		Instant cancelledAt) implements OrderEvent {

}
