package dev.orderpipeline.orders.order;

import dev.orderpipeline.orders.order.domain.OrderEvent;

/**
 * Where order placement and cancellation hand over what happened. Called inside the
 * transaction that changed the order, so an implementation that writes to the same
 * database (the transactional outbox) commits or rolls back together with the order.
 */
public interface OrderEventRecorder {

	void record(OrderEvent event);

}
