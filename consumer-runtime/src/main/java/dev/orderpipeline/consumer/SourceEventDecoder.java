package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.kafka.CloudEventHeaders;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.kafka.EventEnvelope;
import dev.orderpipeline.events.kafka.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes a record of the source topic as the runtime does: the CloudEvents headers, the
 * payload (validated against its JSON Schema when
 * {@code pipeline.consumer.validate-schemas} is on) and the event id, which is
 * canonicalised here, once: lower-case hexadecimal in the 8-4-4-4-12 form. Everything
 * downstream (inbox, sequence gate, handlers, logs) compares that form, so {@code ABC...}
 * and {@code abc...} are one event.
 * <p>
 * A bean of the runtime, so that other readers of the source topic (a projection rebuild)
 * decode exactly what the live consumer applies.
 */
public final class SourceEventDecoder {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final EventDecoder decoder;

	SourceEventDecoder(EventDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * Decodes one record.
	 * @param record a record of the source topic or of one of the group's retry topics
	 * @return the event, its id in canonical form
	 * @throws UnknownEventTypeException if this build does not know its type or version
	 * @throws EventFormatException if its headers, id or payload break the contract
	 */
	public IncomingEvent decode(ConsumerRecord<?, byte[]> record) {
		IncomingEvent incoming = this.decoder.decode(record)
			.orElseThrow(() -> new UnknownEventTypeException(
					"Unknown event type or version " + header(record, CloudEventHeaders.TYPE)));
		EventEnvelope envelope = incoming.envelope();
		String id = canonicalId(envelope.id());
		if (id.equals(envelope.id())) {
			return incoming;
		}
		return new IncomingEvent(new EventEnvelope(id, envelope.type(), envelope.source(), envelope.time(),
				envelope.subject(), envelope.dataContentType(), envelope.traceparent(), envelope.tracestate(),
				envelope.correlationId(), envelope.data()), incoming.type(), incoming.event());
	}

	/**
	 * The canonical text of an event id. Strict on purpose: {@link java.util.UUID}'s
	 * parser accepts forms like {@code 1-2-3-4-5} that PostgreSQL does not, and guessing
	 * which event such an id meant is not the consumer's job.
	 * @param id {@code ce_id} as received
	 * @return the id in lower case
	 * @throws EventFormatException if it is not a UUID in the 8-4-4-4-12 form
	 */
	static String canonicalId(String id) {
		if (id == null || !UUID_TEXT.matcher(id).matches()) {
			throw new EventFormatException("ce_id is not a UUID in 8-4-4-4-12 form: " + id);
		}
		return id.toLowerCase(Locale.ROOT);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
