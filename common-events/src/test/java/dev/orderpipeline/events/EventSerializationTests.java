package dev.orderpipeline.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventSerializationTests {

	private final EventSerializer serializer = new EventSerializer();

	private final EventDeserializer deserializer = new EventDeserializer();

	@Test
	void instantsAreWrittenAsIso8601StringsInUtcWithoutLosingPrecision() {
		Instant cancelledAt = Instant.parse("2026-11-23T10:05:12.123456789Z");
		OrderCancelledV1 event = new OrderCancelledV1(UUID.randomUUID(), 2,
				List.of(new OrderCancelledV1.ReleasedLine("SKU-1", 1)), cancelledAt, null, "acme");

		JsonNode json = JsonTrees.parse(this.serializer.serialize(event));

		assertThat(json.get("cancelledAt").isString()).isTrue();
		assertThat(json.get("cancelledAt").asString()).isEqualTo("2026-11-23T10:05:12.123456789Z");
		assertThat(this.deserializer.deserialize(EventType.ORDER_CANCELLED_V1, this.serializer.serialize(event)))
			.isEqualTo(event);
	}

	@Test
	void moneyIsWrittenAsIntegerMinorUnitsWithItsCurrency() {
		OrderPlacedV1 event = new TestEvents(1).orderPlacedV1();

		JsonNode total = JsonTrees.parse(this.serializer.serialize(event)).get("total");

		assertThat(total.get("amount").isIntegralNumber()).isTrue();
		assertThat(total.get("amount").asLong()).isEqualTo(event.total().amount());
		assertThat(total.get("currency").asString()).isEqualTo(event.currency());
	}

	@Test
	void onlyRecordComponentsAreWrittenNotDerivedAccessors() {
		JsonNode json = JsonTrees.parse(this.serializer.serialize(new TestEvents(2).orderPlacedV1()));

		assertThat(json.propertyNames()).containsExactly("orderId", "sequence", "customerId", "customerEmail", "lines",
				"subtotal", "tax", "total", "currency", "placedAt", "tenantId");
	}

	@Test
	void unknownPropertiesAddedByANewerProducerAreIgnored() {
		String newer = TestResources.text("samples/order.cancelled.v1/full.json")
			.replace("\"sequence\": 2,", "\"sequence\": 2, \"salesChannel\": \"web\", \"refund\": {\"amount\": 1},")
			.replace("{ \"sku\": \"MUG-0042\", \"quantity\": 2 }",
					"{ \"sku\": \"MUG-0042\", \"quantity\": 2, \"warehouse\": \"W1\" }");

		OrderCancelledV1 event = this.deserializer.deserialize(newer.getBytes(StandardCharsets.UTF_8),
				OrderCancelledV1.class);

		assertThat(event).isEqualTo(this.deserializer
			.deserialize(TestResources.bytes("samples/order.cancelled.v1/full.json"), OrderCancelledV1.class));
	}

	@Test
	void anAbsentOptionalFieldReadsAsNull() {
		OrderCancelledV1 event = this.deserializer
			.deserialize(TestResources.bytes("samples/order.cancelled.v1/minimal.json"), OrderCancelledV1.class);

		assertThat(event.reason()).isNull();
	}

	@Test
	void aMissingRequiredFieldIsAFormatError() {
		String withoutEmail = TestResources.text("samples/order.placed.v1/full.json")
			.replace("\"customerEmail\": \"grace.hopper@example.org\",", "");

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.deserializer.deserialize(EventType.ORDER_PLACED_V1,
					withoutEmail.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("customerEmail");
	}

	@Test
	void aMissingSequenceIsAFormatErrorNotZero() {
		String withoutSequence = TestResources.text("samples/order.placed.v1/full.json")
			.replace("\"sequence\": 1,", "");

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.deserializer
			.deserialize(EventType.ORDER_PLACED_V1, withoutSequence.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aMissingAmountIsAFormatErrorNotZero() {
		String withoutAmount = TestResources.text("samples/order.placed.v1/full.json")
			.replace("\"tax\": { \"amount\": 798, \"currency\": \"EUR\" }", "\"tax\": { \"currency\": \"EUR\" }");

		assertThat(withoutAmount).doesNotContain("798");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.deserializer
			.deserialize(EventType.ORDER_PLACED_V1, withoutAmount.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void fractionalOrQuotedAmountsAreRejectedNotRounded() {
		String full = TestResources.text("samples/order.placed.v1/full.json");
		String fractional = full.replace("\"amount\": 798", "\"amount\": 797.5");
		String quoted = full.replace("\"amount\": 798", "\"amount\": \"798\"");

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.deserializer
			.deserialize(EventType.ORDER_PLACED_V1, fractional.getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.deserializer
			.deserialize(EventType.ORDER_PLACED_V1, quoted.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void anEventMixingCurrenciesIsAFormatError() {
		String full = TestResources.text("samples/order.placed.v1/full.json");
		String mixedV1 = full.replace("\"tax\": { \"amount\": 798, \"currency\": \"EUR\" }",
				"\"tax\": { \"amount\": 798, \"currency\": \"USD\" }");
		String mixedV2 = TestResources.text("samples/order.placed.v2/full.json")
			.replace("\"unitPrice\": { \"amount\": 1700, \"currency\": \"EUR\" }",
					"\"unitPrice\": { \"amount\": 1700, \"currency\": \"GBP\" }");

		assertThat(mixedV1).contains("USD");
		assertThat(mixedV2).contains("GBP");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.deserializer.deserialize(EventType.ORDER_PLACED_V1,
					mixedV1.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("USD");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.deserializer.deserialize(EventType.ORDER_PLACED_V2,
					mixedV2.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("GBP");
	}

	@Test
	void malformedJsonIsAFormatError() {
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.deserializer
			.deserialize(EventType.ORDER_PLACED_V1, "{\"orderId\":".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void recordsAreImmutable() {
		OrderPlacedV1 event = new TestEvents(3).orderPlacedV1();

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> event.lines().clear());
	}

}
