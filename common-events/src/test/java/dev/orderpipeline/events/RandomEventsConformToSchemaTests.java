package dev.orderpipeline.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the records write must be what the schema promises, for any valid instance, not
 * only for the golden samples. Schemas leave {@code additionalProperties} open so
 * consumers can read newer minor revisions; this test closes that gap on the producer
 * side by failing on any property the schema does not declare.
 */
class RandomEventsConformToSchemaTests {

	private static final int INSTANCES = 200;

	private static final EventSchemas schemas = new EventSchemas();

	private final EventSerializer serializer = new EventSerializer();

	private final EventDeserializer deserializer = new EventDeserializer();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void randomInstancesValidateAndDeclareEveryProperty(EventType type) {
		JsonNode schema = JsonTrees.parse(EventSchemas.readSchema(type).getBytes(StandardCharsets.UTF_8));
		for (long seed = 0; seed < INSTANCES; seed++) {
			IntegrationEvent event = new TestEvents(seed).any(type);
			byte[] json = this.serializer.serialize(event);

			assertThat(schemas.violations(type, json)).as("seed %d", seed).isEmpty();
			assertThat(undeclared(schema, schema, JsonTrees.parse(json), "$")).as("seed %d", seed).isEmpty();
			assertThat(this.deserializer.deserialize(type, json)).as("seed %d", seed).isEqualTo(event);
		}
	}

	@Test
	void theUndeclaredPropertyCheckFindsNestedExtras() {
		EventType type = EventType.ORDER_PLACED_V1;
		JsonNode schema = JsonTrees.parse(EventSchemas.readSchema(type).getBytes(StandardCharsets.UTF_8));
		String sample = TestResources.text("samples/order.placed.v1/minimal.json")
			.replace("\"sequence\": 1,", "\"sequence\": 1, \"extra\": true,")
			.replace("\"quantity\": 1,", "\"quantity\": 1, \"discount\": 0,")
			.replace("\"tax\": { \"amount\": 0,", "\"tax\": { \"rate\": 19, \"amount\": 0,");

		assertThat(undeclared(schema, schema, JsonTrees.parse(sample.getBytes(StandardCharsets.UTF_8)), "$"))
			.containsExactlyInAnyOrder("$.extra", "$.lines[0].discount", "$.tax.rate");
	}

	private static List<String> undeclared(JsonNode root, JsonNode schema, JsonNode document, String path) {
		JsonNode resolved = resolve(root, schema);
		List<String> result = new ArrayList<>();
		if (document.isObject()) {
			JsonNode properties = resolved.path("properties");
			for (Map.Entry<String, JsonNode> property : document.properties()) {
				String childPath = path + "." + property.getKey();
				if (!properties.has(property.getKey())) {
					result.add(childPath);
				}
				else {
					result.addAll(undeclared(root, properties.get(property.getKey()), property.getValue(), childPath));
				}
			}
		}
		else if (document.isArray()) {
			for (int i = 0; i < document.size(); i++) {
				result.addAll(undeclared(root, resolved.path("items"), document.get(i), path + "[" + i + "]"));
			}
		}
		return result;
	}

	private static JsonNode resolve(JsonNode root, JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		return (ref != null) ? resolve(root, root.at(ref.asString().substring(1))) : schema;
	}

}
