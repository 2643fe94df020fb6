package dev.orderpipeline.orders.ordering;

import dev.orderpipeline.orders.order.OrderEvent;

import org.springframework.stereotype.Component;

/**
 * Records nothing: until the transactional outbox exists, no one outside this service
 * learns about orders. The outbox writer replaces this bean.
 */
@Component
class DiscardingOrderEventRecorder implements OrderEventRecorder {

	@Override
	public void record(OrderEvent event) {
	}

}
