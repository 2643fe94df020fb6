package dev.orderpipeline.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden samples are the published examples of each contract: they must validate
 * against their schema and survive a round trip through the records unchanged. A record
 * change that drops, renames or retypes a field fails here.
 */
class GoldenSampleTests {

	private static final EventSchemas schemas = new EventSchemas();

	private final EventDeserializer deserializer = new EventDeserializer();

	private final EventSerializer serializer = new EventSerializer();

	static Stream<Arguments> samples() {
		return Arrays.stream(EventType.values())
			.flatMap((type) -> TestResources.samples(type).stream().map((sample) -> Arguments.of(type, sample)));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(EventType.class)
	void everyTypeHasAMinimalAndAFullSample(EventType type) {
		assertThat(TestResources.samples(type)).contains(type.samplesFolder() + "/minimal.json",
				type.samplesFolder() + "/full.json");
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("samples")
	void sampleValidatesAgainstItsSchema(EventType type, String sample) {
		assertThat(schemas.violations(type, TestResources.bytes(sample))).isEmpty();
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("samples")
	void sampleSurvivesARoundTripThroughItsRecord(EventType type, String sample) {
		byte[] original = TestResources.bytes(sample);
		IntegrationEvent event = this.deserializer.deserialize(type, original);
		assertThat(event).isInstanceOf(type.recordType());

		byte[] written = this.serializer.serialize(event);

		assertThat(schemas.violations(type, written)).isEmpty();
		assertThat(JsonTrees.withoutNulls(JsonTrees.parse(written)))
			.isEqualTo(JsonTrees.withoutNulls(JsonTrees.parse(original)));
		assertThat(this.deserializer.deserialize(type, written)).isEqualTo(event);
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("samples")
	void sampleIsAboutItsSubjectAndTime(EventType type, String sample) {
		JsonNode json = JsonTrees.parse(TestResources.bytes(sample));
		IntegrationEvent event = this.deserializer.deserialize(type, TestResources.bytes(sample));
		assertThat(event.subject()).isEqualTo(json.get("orderId").asString());
		assertThat(event.sequence()).isEqualTo(json.get("sequence").asLong()).isPositive();
		assertThat(event.occurredAt()).isBefore(Instant.parse("2100-01-01T00:00:00Z"));
	}

	@Test
	void theValidatorRejectsWhatTheSchemasForbid() {
		// Guards the guard: if the validator accepted everything, the tests above would
		// pass for the wrong reason. 42.00 is an integer to JSON Schema, 42.5 is not.
		String valid = TestResources.text("samples/order.placed.v1/full.json");
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1, bytes(valid))).isEmpty();
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1,
				bytes(valid.replace("\"amount\": 4200", "\"amount\": 42.5"))))
			.isNotEmpty();
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1,
				bytes(valid.replace("\"customerEmail\"", "\"customerMail\""))))
			.isNotEmpty();
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1,
				bytes(valid.replace("2026-11-23T09:16:02.123456Z", "23.11.2026 09:16"))))
			.isNotEmpty();
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1, bytes(valid.replace("\"EUR\"", "\"euro\""))))
			.isNotEmpty();
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1,
				bytes(valid.replace("7c9e6679-7425-40de-944b-e07fc1f90ae7", "order-17"))))
			.isNotEmpty();
	}

	@Test
	void aV1SampleIsNotAValidV2Document() {
		assertThat(
				schemas.violations(EventType.ORDER_PLACED_V2, TestResources.bytes("samples/order.placed.v1/full.json")))
			.isNotEmpty();
	}

	private static byte[] bytes(String json) {
		return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
