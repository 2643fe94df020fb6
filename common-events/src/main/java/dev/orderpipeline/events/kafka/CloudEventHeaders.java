package dev.orderpipeline.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderpipeline.events.EventFormatException;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents Kafka protocol binding in binary mode, done by the CloudEvents SDK
 * ({@code cloudevents-kafka}): attributes travel as {@code ce_*} headers, the data
 * content type as {@code content-type}, and the payload is the record value. W3C trace
 * context travels in the plain {@code traceparent} and {@code tracestate} headers that
 * Kafka tracing instrumentation reads and writes, not as {@code ce_} attributes.
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String TYPE = "ce_type";

	public static final String SOURCE = "ce_source";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	public static final String CONTENT_TYPE = "content-type";

	public static final String CORRELATION_ID = "ce_correlationid";

	public static final String TRACEPARENT = "traceparent";

	public static final String TRACESTATE = "tracestate";

	/** CloudEvents extension attribute names are lower-case letters and digits only. */
	static final String CORRELATION_ID_EXTENSION = "correlationid";

	static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

	/**
	 * The headers of a binary-mode record for an envelope.
	 * @param envelope the attributes; {@code data} is not written to the headers
	 * @return header name to UTF-8 value, in a stable order, unmodifiable
	 */
	public static Map<String, byte[]> write(EventEnvelope envelope) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(envelope.id())
			.withType(envelope.type())
			.withSource(envelope.source())
			.withTime(OffsetDateTime.ofInstant(envelope.time(), ZoneOffset.UTC))
			.withSubject(envelope.subject())
			.withDataContentType(envelope.dataContentType())
			.withData(envelope.data());
		if (envelope.correlationId() != null) {
			builder.withExtension(CORRELATION_ID_EXTENSION, envelope.correlationId());
		}
		// The SDK writes a whole record; only its headers are kept. OutgoingEvent sets
		// topic
		// and key.
		ProducerRecord<Void, byte[]> record = KafkaMessageFactory.createWriter("unused").writeBinary(builder.build());
		Map<String, byte[]> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), header.value());
		}
		putIfPresent(headers, TRACEPARENT, envelope.traceparent());
		putIfPresent(headers, TRACESTATE, envelope.tracestate());
		return Collections.unmodifiableMap(headers);
	}

	/**
	 * Reads a binary-mode record.
	 * @param headers the record headers
	 * @param value the record value
	 * @return the envelope
	 * @throws EventFormatException if the record is not a binary-mode CloudEvent with the
	 * attributes every event here must carry
	 */
	public static EventEnvelope read(Headers headers, byte[] value) {
		CloudEvent event = toCloudEvent(headers, value);
		if (event.getSpecVersion() != SpecVersion.V1) {
			throw new EventFormatException("Only CloudEvents 1.0 is accepted, got " + event.getSpecVersion());
		}
		requirePresent(event.getTime(), TIME);
		requirePresent(event.getSubject(), SUBJECT);
		requirePresent(event.getDataContentType(), CONTENT_TYPE);
		Object correlationId = event.getExtension(CORRELATION_ID_EXTENSION);
		return new EventEnvelope(event.getId(), event.getType(), event.getSource(), event.getTime().toInstant(),
				event.getSubject(), event.getDataContentType(), lastValue(headers, TRACEPARENT),
				lastValue(headers, TRACESTATE), (correlationId != null) ? correlationId.toString() : null, value);
	}

	/**
	 * Reads a binary-mode record whose headers are held in a map, for example by an
	 * outbox row or a test.
	 * @param headers header name to value
	 * @param value the record value
	 * @return the envelope
	 * @throws EventFormatException as {@link #read(Headers, byte[])}
	 */
	public static EventEnvelope read(Map<String, byte[]> headers, byte[] value) {
		RecordHeaders recordHeaders = new RecordHeaders();
		headers.forEach(recordHeaders::add);
		return read(recordHeaders, value);
	}

	private static CloudEvent toCloudEvent(Headers headers, byte[] value) {
		try {
			MessageReader reader = KafkaMessageFactory.createReader(headers, value);
			if (reader.getEncoding() != Encoding.BINARY) {
				throw new EventFormatException("Only binary-mode CloudEvents are accepted on this topic");
			}
			return reader.toEvent();
		}
		catch (CloudEventRWException | IllegalStateException ex) {
			throw new EventFormatException("Not a valid binary-mode CloudEvent: " + ex.getMessage(), ex);
		}
	}

	private static void requirePresent(Object value, String header) {
		if (value == null) {
			throw new EventFormatException("Missing required header " + header);
		}
	}

	private static void putIfPresent(Map<String, byte[]> headers, String name, String value) {
		if (value != null) {
			headers.put(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String lastValue(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
