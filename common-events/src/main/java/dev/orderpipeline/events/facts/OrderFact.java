package dev.orderpipeline.events.facts;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to an order, whichever type and major version of event carried it.
 * Consumers handle facts, never the versioned wire records: {@link OrderFacts} reads
 * every supported version into one of these, so a new major version is one new mapping
 * there instead of a change in every handler. A handler tells the facts apart with
 * {@code instanceof OrderPlaced placed} patterns; the set is sealed, so every kind is
 * known here.
 */
public sealed interface OrderFact permits OrderPlaced, OrderCancelled {

	/**
	 * The tenant of events published before orders carried one.
	 */
	String DEFAULT_TENANT = dev.orderpipeline.events.order.OrderEvent.DEFAULT_TENANT;

	UUID orderId();

	/**
	 * Position in the order's event stream.
	 * @return the per-order sequence, from 1
	 */
	long sequence();

	/**
	 * The tenant the order belongs to; an event from before tenancy reads as
	 * {@value #DEFAULT_TENANT}.
	 * @return the tenant id, never {@code null}
	 */
	String tenantId();

	/**
	 * When it happened.
	 * @return the time the fact was committed
	 */
	Instant occurredAt();

	/**
	 * The major version of the event the fact was read from, for metrics and logs only.
	 * @return the version
	 */
	int sourceVersion();

}
