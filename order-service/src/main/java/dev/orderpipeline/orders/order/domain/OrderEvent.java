package dev.orderpipeline.orders.order.domain;

import java.util.UUID;

/**
 * A fact about an order that other parts of the system may need to learn about. Domain
 * facts stay inside this service; integration events live in {@code common-events}.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderCancelled {

	UUID orderId();

}
