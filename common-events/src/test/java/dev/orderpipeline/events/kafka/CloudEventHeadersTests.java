package dev.orderpipeline.events.kafka;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.EventSerializer;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.TestEvents;
import dev.orderpipeline.events.order.OrderPlacedV1;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloudEventHeadersTests {

	private static final URI SOURCE = URI.create("/order-service");

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final OrderPlacedV1 event = new TestEvents(11).orderPlacedV1();

	private final UUID id = UUID.fromString("5f0c6e1e-8a4b-4f0e-9a57-3c1a2b3d4e5f");

	private final EventMetadata metadata = new EventMetadata(this.id, SOURCE, TRACEPARENT, "vendor=opaque", "req-42");

	@Test
	void encodingWritesTheBinaryModeHeadersThePipelineAgreedOn() {
		OutgoingEvent outgoing = new EventEncoder().encode(this.event, this.metadata);

		Map<String, String> headers = strings(outgoing.headers());
		assertThat(headers).containsOnlyKeys("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject",
				"content-type", "ce_correlationid", "traceparent", "tracestate");
		assertThat(headers).containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_id", this.id.toString())
			.containsEntry("ce_type", "order.placed.v1")
			.containsEntry("ce_source", "/order-service")
			.containsEntry("ce_subject", this.event.orderId().toString())
			.containsEntry("content-type", "application/json")
			.containsEntry("ce_correlationid", "req-42")
			.containsEntry("traceparent", TRACEPARENT)
			.containsEntry("tracestate", "vendor=opaque");
		// RFC 3339 in UTC; the number of fraction digits is the SDK's choice.
		assertThat(headers.get("ce_time")).endsWith("Z");
		assertThat(OffsetDateTime.parse(headers.get("ce_time")).toInstant()).isEqualTo(this.event.placedAt());
	}

	@Test
	void theKeyIsTheOrderIdTheTopicIsOrderEventsAndTheValueIsTheBarePayload() {
		OutgoingEvent outgoing = new EventEncoder().encode(this.event, this.metadata);

		assertThat(outgoing.topic()).isEqualTo(EventTopics.ORDER_EVENTS).isEqualTo("order-events");
		assertThat(outgoing.key()).isEqualTo(this.event.orderId().toString());
		assertThat(outgoing.eventId()).isEqualTo(this.id.toString());
		assertThat(outgoing.type()).isEqualTo(EventType.ORDER_PLACED_V1);
		assertThat(outgoing.value()).isEqualTo(new EventSerializer().serialize(this.event));
	}

	@Test
	void optionalHeadersAreOmittedNotWrittenEmpty() {
		OutgoingEvent outgoing = new EventEncoder().encode(this.event, EventMetadata.newEvent(SOURCE));

		assertThat(outgoing.headers()).doesNotContainKeys("traceparent", "tracestate", "ce_correlationid");
		assertThat(outgoing.headers()).containsKeys("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time",
				"ce_subject", "content-type");
	}

	@Test
	void theProducerRecordCarriesKeyValueAndHeaders() {
		OutgoingEvent outgoing = new EventEncoder().encode(this.event, this.metadata);

		ProducerRecord<String, byte[]> record = outgoing.toProducerRecord();

		assertThat(record.topic()).isEqualTo("order-events");
		assertThat(record.key()).isEqualTo(outgoing.key());
		assertThat(record.value()).isEqualTo(outgoing.value());
		assertThat(record.partition()).isNull();
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		assertThat(headers).isEqualTo(strings(outgoing.headers()));
	}

	@Test
	void readingTheHeadersBackGivesTheSameEnvelope() {
		OutgoingEvent outgoing = new EventEncoder().encode(this.event, this.metadata);

		EventEnvelope fromMap = CloudEventHeaders.read(outgoing.headers(), outgoing.value());
		EventEnvelope fromRecord = CloudEventHeaders.read(outgoing.toProducerRecord().headers(), outgoing.value());

		for (EventEnvelope envelope : new EventEnvelope[] { fromMap, fromRecord }) {
			assertThat(envelope.id()).isEqualTo(this.id.toString());
			assertThat(envelope.type()).isEqualTo("order.placed.v1");
			assertThat(envelope.eventType()).contains(EventType.ORDER_PLACED_V1);
			assertThat(envelope.source()).isEqualTo(SOURCE);
			assertThat(envelope.time()).isEqualTo(this.event.placedAt());
			assertThat(envelope.subject()).isEqualTo(this.event.orderId().toString());
			assertThat(envelope.dataContentType()).isEqualTo("application/json");
			assertThat(envelope.traceparent()).isEqualTo(TRACEPARENT);
			assertThat(envelope.tracestate()).isEqualTo("vendor=opaque");
			assertThat(envelope.correlationId()).isEqualTo("req-42");
			assertThat(envelope.data()).isEqualTo(outgoing.value());
		}
	}

	@Test
	void aHandWrittenBinaryModeRecordIsRead() {
		// As another producer following the Kafka protocol binding would write it.
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", utf8("1.0"));
		headers.add("ce_id", utf8("evt-1"));
		headers.add("ce_type", utf8("order.cancelled.v1"));
		headers.add("ce_source", utf8("/order-service"));
		headers.add("ce_time", utf8("2026-11-23T11:00:00+01:00"));
		headers.add("ce_subject", utf8("0b6f9a8e-3c1d-4f7a-9d2e-5a4b3c2d1e0f"));
		headers.add("content-type", utf8("application/json"));

		EventEnvelope envelope = CloudEventHeaders.read(headers, utf8("{}"));

		assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
		assertThat(envelope.traceparent()).isNull();
		assertThat(envelope.correlationId()).isNull();
	}

	@Test
	void aRecordWithoutCloudEventsHeadersIsRejected() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> CloudEventHeaders.read(new RecordHeaders(), utf8("{}")));
	}

	@Test
	void aRecordMissingARequiredAttributeIsRejected() {
		Map<String, byte[]> complete = new EventEncoder().encode(this.event, this.metadata).headers();
		for (String required : new String[] { "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject",
				"content-type" }) {
			Map<String, byte[]> headers = new LinkedHashMap<>(complete);
			headers.remove(required);

			assertThatExceptionOfType(EventFormatException.class).as(required)
				.isThrownBy(() -> CloudEventHeaders.read(headers, utf8("{}")));
		}
	}

	@Test
	void anUnsupportedSpecVersionIsRejected() {
		Map<String, byte[]> headers = new LinkedHashMap<>(
				new EventEncoder().encode(this.event, this.metadata).headers());
		headers.put("ce_specversion", utf8("0.1"));
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headers, utf8("{}")));

		// 0.3 is a real CloudEvents version the SDK reads; the pipeline agreed on 1.0
		// only.
		headers.put("ce_specversion", utf8("0.3"));
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headers, utf8("{}")))
			.withMessageContaining("Only CloudEvents 1.0");
	}

	@Test
	void structuredModeIsRejected() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("content-type", utf8("application/cloudevents+json"));

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headers, utf8("{\"specversion\":\"1.0\"}")));
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, String> strings(Map<String, byte[]> headers) {
		Map<String, String> result = new LinkedHashMap<>();
		headers.forEach((key, value) -> result.put(key, new String(value, StandardCharsets.UTF_8)));
		return result;
	}

}
