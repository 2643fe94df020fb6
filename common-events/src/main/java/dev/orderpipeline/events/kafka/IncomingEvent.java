package dev.orderpipeline.events.kafka;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.facts.OrderFact;
import dev.orderpipeline.events.facts.OrderFacts;

/**
 * A received event of a type this build knows: the envelope, the typed payload and the
 * fact it carries, upcast once when the event is decoded.
 *
 * @param envelope the CloudEvents attributes and raw payload
 * @param type the registered type
 * @param event the payload as its versioned record
 * @param fact what happened, whichever version carried it; what handlers read
 */
public record IncomingEvent(EventEnvelope envelope, EventType type, IntegrationEvent event, OrderFact fact) {

	/**
	 * An incoming event whose fact is read from its payload.
	 * @param envelope the CloudEvents attributes and raw payload
	 * @param type the registered type
	 * @param event the payload as its versioned record
	 */
	public IncomingEvent(EventEnvelope envelope, EventType type, IntegrationEvent event) {
		this(envelope, type, event, OrderFacts.of(event));
	}

}
