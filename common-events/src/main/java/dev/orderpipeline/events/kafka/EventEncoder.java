package dev.orderpipeline.events.kafka;

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

	/**
	 * Encodes an event.
	 * @param event the event record
	 * @param metadata id, source and trace context
	 * @return the record to store in the outbox and later publish
	 */
	public OutgoingEvent encode(IntegrationEvent event, EventMetadata metadata) {
		EventType type = EventType.of(event);
		byte[] payload = this.serializer.serialize(event);
		EventEnvelope envelope = new EventEnvelope(metadata.id().toString(), type.wireType(), metadata.source(),
				event.occurredAt(), event.subject(), CloudEventHeaders.JSON, metadata.traceparent(),
				metadata.tracestate(), metadata.correlationId(), payload);
		return new OutgoingEvent(envelope.id(), type, EventTopics.ORDER_EVENTS, event.subject(), payload,
				CloudEventHeaders.write(envelope));
	}

}
