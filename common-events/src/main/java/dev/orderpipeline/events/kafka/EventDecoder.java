package dev.orderpipeline.events.kafka;

import java.util.Optional;

import dev.orderpipeline.events.EventDeserializer;
import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The consumer side: reads the CloudEvents headers, dispatches on {@code ce_type} and
 * deserializes the payload into its record. Thread-safe.
 */
public final class EventDecoder {

	private final EventDeserializer deserializer = new EventDeserializer();

	private final EventSchemas schemas;

	private EventDecoder(EventSchemas schemas) {
		this.schemas = schemas;
	}

	/**
	 * A decoder that trusts the producer and only deserializes.
	 * @return the decoder
	 */
	public static EventDecoder lenient() {
		return new EventDecoder(null);
	}

	/**
	 * A decoder that also validates every known payload against its JSON Schema first.
	 * @param schemas the loaded schemas
	 * @return the decoder
	 */
	public static EventDecoder validating(EventSchemas schemas) {
		return new EventDecoder(schemas);
	}

	/**
	 * Decodes one record.
	 * @param headers the record headers
	 * @param value the record value
	 * @return the event, or empty if its type is unknown to this build (a new type or a
	 * newer major version this consumer does not handle yet)
	 * @throws EventFormatException if the headers or payload break the contract
	 */
	public Optional<IncomingEvent> decode(Headers headers, byte[] value) {
		return decode(CloudEventHeaders.read(headers, value));
	}

	/**
	 * Decodes one consumed record.
	 * @param record the record
	 * @return the event, or empty if its type is unknown to this build
	 * @throws EventFormatException if the headers or payload break the contract
	 */
	public Optional<IncomingEvent> decode(ConsumerRecord<?, byte[]> record) {
		return decode(record.headers(), record.value());
	}

	/**
	 * Decodes an envelope already read from headers.
	 * @param envelope the envelope
	 * @return the event, or empty if its type is unknown to this build
	 * @throws EventFormatException if the payload breaks the contract
	 */
	public Optional<IncomingEvent> decode(EventEnvelope envelope) {
		Optional<EventType> type = envelope.eventType();
		if (type.isEmpty()) {
			return Optional.empty();
		}
		if (!envelope.dataContentType().startsWith(CloudEventHeaders.JSON)) {
			throw new EventFormatException("Unsupported content-type " + envelope.dataContentType());
		}
		if (envelope.data() == null) {
			throw new EventFormatException(envelope.type() + " " + envelope.id() + " has no payload");
		}
		if (this.schemas != null) {
			this.schemas.requireValid(type.get(), envelope.data());
		}
		IntegrationEvent event = this.deserializer.deserialize(type.get(), envelope.data());
		if (!event.subject().equals(envelope.subject())) {
			throw new EventFormatException(envelope.type() + " " + envelope.id() + " has ce_subject "
					+ envelope.subject() + " but its payload is about " + event.subject());
		}
		return Optional.of(new IncomingEvent(envelope, type.get(), event));
	}

}
