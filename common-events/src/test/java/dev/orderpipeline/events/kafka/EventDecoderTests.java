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
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.TestEvents;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
	void aConsumedRecordIsDecoded() {
		OrderPlacedV2 event = new TestEvents(27).orderPlacedV2();
		OutgoingEvent outgoing = this.encoder.encode(event, this.metadata);
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("order-events", 0, 42L, outgoing.key(),
				outgoing.value());
		outgoing.toProducerRecord().headers().forEach((header) -> record.headers().add(header));

		assertThat(EventDecoder.validating(schemas).decode(record).map(IncomingEvent::event)).contains(event);
	}

	@Test
	void theValidatingEncoderRefusesAPayloadThatViolatesItsSchema() {
		OrderPlacedV1 valid = new TestEvents(28).orderPlacedV1();
		OrderPlacedV1 negativeTax = new OrderPlacedV1(valid.orderId(), valid.sequence(), valid.customerId(),
				valid.customerEmail(), valid.lines(), valid.subtotal(), Money.of(-1, valid.currency()), valid.total(),
				valid.currency(), valid.placedAt(), valid.tenantId());

		assertThat(EventEncoder.validating(schemas).encode(valid, this.metadata).value()).isNotEmpty();
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventEncoder.validating(schemas).encode(negativeTax, this.metadata))
			.withMessageContaining("tax");
	}

	@Test
	void headersCanBeStoredAsTextAndRestored() {
		OrderCancelledV1 event = new TestEvents(29).orderCancelledV1();
		OutgoingEvent outgoing = this.encoder.encode(event, this.metadata);
		Map<String, byte[]> restored = new LinkedHashMap<>();
		outgoing.headerValues().forEach((name, value) -> restored.put(name, value.getBytes(StandardCharsets.UTF_8)));

		assertThat(restored).containsOnlyKeys(outgoing.headers().keySet());
		assertThat(EventDecoder.lenient()
			.decode(CloudEventHeaders.read(restored, outgoing.value()))
			.map(IncomingEvent::event)).contains(event);
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
