package dev.orderpipeline.events.kafka;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.TestEvents;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventDecoderTests {

	private static final EventSchemas schemas = new EventSchemas();

	private final EventEncoder encoder = new EventEncoder();

	private final EventMetadata metadata = EventMetadata.newEvent(URI.create("/order-service"));

	@ParameterizedTest
	@EnumSource(EventType.class)
	void whatTheEncoderWritesTheDecoderReadsAsTheSameRecord(EventType type) {
		IntegrationEvent event = new TestEvents(21).any(type);
		ProducerRecord<String, byte[]> record = this.encoder.encode(event, this.metadata).toProducerRecord();

		IncomingEvent incoming = EventDecoder.validating(schemas)
			.decode(record.headers(), record.value())
			.orElseThrow();

		assertThat(incoming.type()).isEqualTo(type);
		assertThat(incoming.event()).isEqualTo(event);
		assertThat(incoming.envelope().id()).isEqualTo(this.metadata.id().toString());
	}

	@Test
	void consumersDispatchOnTheRecordType() {
		OutgoingEvent cancelled = this.encoder.encode(new TestEvents(22).orderCancelledV1(), this.metadata);

		IntegrationEvent event = EventDecoder.lenient()
			.decode(cancelled.toProducerRecord().headers(), cancelled.value())
			.orElseThrow()
			.event();

		assertThat(event).isInstanceOf(OrderCancelledV1.class).isNotInstanceOf(OrderPlacedV2.class);
	}

	@Test
	void anUnknownTypeIsSkippedNotFailed() {
		OutgoingEvent outgoing = this.encoder.encode(new TestEvents(23).orderPlacedV1(), this.metadata);
		Map<String, byte[]> headers = new LinkedHashMap<>(outgoing.headers());
		headers.put("ce_type", "order.shipped.v1".getBytes(StandardCharsets.UTF_8));

		assertThat(EventDecoder.validating(schemas).decode(CloudEventHeaders.read(headers, outgoing.value())))
			.isEmpty();
	}

	@Test
	void aPayloadThatViolatesItsSchemaIsRejectedByTheValidatingDecoder() {
		OutgoingEvent outgoing = this.encoder.encode(new TestEvents(24).orderPlacedV1(), this.metadata);
		byte[] invalid = new String(outgoing.value(), StandardCharsets.UTF_8)
			.replaceFirst("\"customerEmail\":\"[^\"]*\"", "\"customerEmail\":\"not an address\"")
			.getBytes(StandardCharsets.UTF_8);
		EventEnvelope envelope = CloudEventHeaders.read(outgoing.headers(), invalid);

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventDecoder.validating(schemas).decode(envelope))
			.withMessageContaining("customerEmail");
		assertThat(EventDecoder.lenient().decode(envelope)).isPresent();
	}

	@Test
	void aSubjectThatDisagreesWithThePayloadIsRejected() {
		OutgoingEvent outgoing = this.encoder.encode(new TestEvents(25).orderPlacedV1(), this.metadata);
		Map<String, byte[]> headers = new LinkedHashMap<>(outgoing.headers());
		headers.put("ce_subject", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventDecoder.lenient().decode(CloudEventHeaders.read(headers, outgoing.value())))
			.withMessageContaining("ce_subject");
	}

	@Test
	void aNonJsonContentTypeIsRejected() {
		OutgoingEvent outgoing = this.encoder.encode(new TestEvents(26).orderPlacedV1(), this.metadata);
		Map<String, byte[]> headers = new LinkedHashMap<>(outgoing.headers());
		headers.put("content-type", "application/avro".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventDecoder.lenient().decode(CloudEventHeaders.read(headers, outgoing.value())))
			.withMessageContaining("content-type");
	}

}
