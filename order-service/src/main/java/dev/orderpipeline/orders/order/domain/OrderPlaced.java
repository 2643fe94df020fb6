package dev.orderpipeline.orders.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.orders.money.Money;

/** An order was placed and its stock reserved. */
public record OrderPlaced(UUID orderId, String tenantId, String customerId, String customerEmail, List<OrderLine> lines,
		Money subtotal, Money tax, Money total, Instant placedAt) implements OrderEvent {

}
