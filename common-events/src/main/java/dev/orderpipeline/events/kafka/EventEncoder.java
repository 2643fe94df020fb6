package dev.orderpipeline.events.kafka;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventSerializer;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;

/**
 * The producer side: turns an event record into payload, key and CloudEvents headers for
 * the {@code order-events} topic. Thread-safe.
 */
public final class EventEncoder {

	private final EventSerializer serializer = new EventSerializer();

	private final EventSchemas schemas;

	/** An encoder that trusts the records to match their schemas. */
	public EventEncoder() {
		this(null);
	}

	private EventEncoder(EventSchemas schemas) {
		this.schemas = schemas;
	}

	/**
	 * An encoder that validates every payload against its schema before handing it out,
	 * so a contract violation fails the producing transaction instead of every consumer.
	 * Costs one schema validation per event.
	 * @param schemas the loaded schemas
	 * @return the encoder
	 */
	public static EventEncoder validating(EventSchemas schemas) {
		return new EventEncoder(schemas);
	}

	/**
	 * Encodes an event.
	 * @param event the event record
	 * @param metadata id, source and trace context
	 * @return the record to store in the outbox and later publish
	 * @throws dev.orderpipeline.events.EventFormatException if validating and the payload
	 * violates its schema
	 */
	public OutgoingEvent encode(IntegrationEvent event, EventMetadata metadata) {
		EventType type = EventType.of(event);
		byte[] payload = this.serializer.serialize(event);
		if (this.schemas != null) {
			this.schemas.requireValid(type, payload);
		}
		EventEnvelope envelope = new EventEnvelope(metadata.id().toString(), type.wireType(), metadata.source(),
				event.occurredAt(), event.subject(), CloudEventHeaders.JSON, metadata.traceparent(),
				metadata.tracestate(), metadata.correlationId(), payload);
		return new OutgoingEvent(envelope.id(), type, EventTopics.ORDER_EVENTS, event.subject(), payload,
				CloudEventHeaders.write(envelope));
	}

}
