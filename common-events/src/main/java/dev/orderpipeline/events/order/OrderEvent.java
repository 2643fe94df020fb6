package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.UUID;

import dev.orderpipeline.events.IntegrationEvent;

/** An integration event about one order. Its subject and Kafka key is the order id. */
public sealed interface OrderEvent extends IntegrationEvent
		permits OrderPlacedV1, OrderPlacedV2, OrderCancelledV1, OrderCancelledV2 {

	/**
	 * The tenant of events published before orders carried one.
	 */
	String DEFAULT_TENANT = "default";

	UUID orderId();

	/**
	 * The tenant the order belongs to, as carried on the wire. Optional and added later:
	 * events published before tenancy have none.
	 * @return the tenant id, or {@code null} if the event carries none
	 */
	String tenantId();

	/**
	 * The tenant the order belongs to, with events from before tenancy read as tenant
	 * {@value #DEFAULT_TENANT}. Consumers scope by this, never by {@link #tenantId()}.
	 * @return the tenant id, never {@code null}
	 */
	default String tenantOrDefault() {
		return Contracts.tenantOrDefault(tenantId());
	}

	@Override
	default String subject() {
		return orderId().toString();
	}

	@Override
	Instant occurredAt();

}
