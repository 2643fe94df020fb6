package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.UUID;

import dev.orderpipeline.events.IntegrationEvent;

/** An integration event about one order. Its subject and Kafka key is the order id. */
public sealed interface OrderEvent extends IntegrationEvent permits OrderPlacedV1, OrderPlacedV2, OrderCancelledV1 {

	UUID orderId();

	@Override
	default String subject() {
		return orderId().toString();
	}

	@Override
	Instant occurredAt();

}
