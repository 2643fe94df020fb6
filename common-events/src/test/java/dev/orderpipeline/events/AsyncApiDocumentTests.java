package dev.orderpipeline.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the AsyncAPI document in step with the specification, the schema files, the type
 * registry and the headers the encoder really writes.
 */
class AsyncApiDocumentTests {

	private static final String DOCUMENT = "asyncapi/order-events.asyncapi.yaml";

	private static final JsonNode asyncApi = new YAMLMapper().readTree(TestResources.text(DOCUMENT));

	@Test
	void theDocumentIsValidAsyncApi3() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
		Schema specification = registry.getSchema(TestResources.text("asyncapi-spec/asyncapi-3.0.0.schema.json"),
				InputFormat.JSON);

		assertThat(asyncApi.get("asyncapi").asString()).isEqualTo("3.0.0");
		assertThat(specification.validate(asyncApi)).isEmpty();
	}

	@Test
	void theChannelIsTheOrderEventsTopicAndCarriesEveryMessage() {
		JsonNode channel = asyncApi.at("/channels/orderEvents");

		assertThat(channel.get("address").asString()).isEqualTo(EventTopics.ORDER_EVENTS);
		assertThat(channel.at("/bindings/kafka/topic").asString()).isEqualTo(EventTopics.ORDER_EVENTS);
		assertThat(channel.get("messages").propertyNames())
			.containsExactlyInAnyOrderElementsOf(messages().propertyNames());
		List<String> sent = new ArrayList<>();
		asyncApi.at("/operations/publishOrderEvents/messages").forEach((ref) -> sent.add(ref.get("$ref").asString()));
		assertThat(sent).containsExactlyInAnyOrderElementsOf(
				messages().propertyNames().stream().map((name) -> "#/channels/orderEvents/messages/" + name).toList());
	}

	@Test
	void thereIsOneMessagePerRegisteredTypeAndOneSchemaFilePerMessage() {
		List<String> names = new ArrayList<>();
		List<String> referencedFiles = new ArrayList<>();
		for (JsonNode message : messages()) {
			names.add(message.get("name").asString());
			referencedFiles.add(payloadSchemaFile(message));
		}

		assertThat(names)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::wireType).toList());
		assertThat(referencedFiles).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(TestResources.schemaFiles());
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void eachMessageReferencesTheSchemaFileOfItsTypeAndPinsCeType(EventType type) {
		JsonNode message = message(type);

		assertThat(message.at("/payload/schemaFormat").asString())
			.isEqualTo("application/schema+json;version=draft-2020-12");
		assertThat(message.at("/payload/schema/$ref").asString()).isEqualTo("../" + type.schemaResource());
		assertThat(TestResources.path(type.schemaResource())).exists();
		assertThat(message.at("/headers/properties/ce_type/const").asString()).isEqualTo(type.wireType());
		assertThat(message.get("contentType").asString()).isEqualTo("application/json");
		assertThat(message.at("/traits/0/$ref").asString())
			.isEqualTo("#/components/messageTraits/cloudEventsKafkaBinary");
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theHeadersTheEncoderWritesMatchTheDocumentedHeaders(EventType type) {
		JsonNode documented = asyncApi.at("/components/schemas/cloudEventsKafkaHeaders");
		Map<String, byte[]> minimal = new EventEncoder()
			.encode(new TestEvents(31).any(type), EventMetadata.newEvent(URI.create("/order-service")))
			.headers();
		Map<String, byte[]> full = new EventEncoder()
			.encode(new TestEvents(32).any(type),
					EventMetadata.newEvent(URI.create("/order-service"))
						.withTraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=b")
						.withCorrelationId("req-1"))
			.headers();

		List<String> required = new ArrayList<>();
		documented.get("required").forEach((name) -> required.add(name.asString()));
		assertThat(minimal.keySet()).containsExactlyInAnyOrderElementsOf(required);
		assertThat(new TreeSet<>(full.keySet())).isEqualTo(new TreeSet<>(documented.get("properties").propertyNames()));
		assertThat(headerSchema(type).validate(asJson(full))).isEmpty();
		assertThat(headerSchema(type).validate(asJson(minimal))).isEmpty();
	}

	@Test
	void theHeaderSchemaRejectsAWrongCeType() {
		Map<String, byte[]> headers = new LinkedHashMap<>(new EventEncoder()
			.encode(new TestEvents(33).orderPlacedV1(), EventMetadata.newEvent(URI.create("/order-service")))
			.headers());
		headers.put("ce_type", "order.placed.v2".getBytes(StandardCharsets.UTF_8));

		assertThat(headerSchema(EventType.ORDER_PLACED_V1).validate(asJson(headers))).isNotEmpty();
	}

	private static Schema headerSchema(EventType type) {
		ObjectNode schema = (ObjectNode) new YAMLMapper().createObjectNode();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.putArray("allOf")
			.add(asyncApi.at("/components/schemas/cloudEventsKafkaHeaders").deepCopy())
			.add(message(type).get("headers").deepCopy());
		// The shared header schema refers to orderId within the AsyncAPI components.
		schema.putObject("$defs").set("orderId", asyncApi.at("/components/schemas/orderId").deepCopy());
		String text = schema.toString().replace("#/components/schemas/orderId", "#/$defs/orderId");
		return SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(builder) -> builder.schemaRegistryConfig(
							com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(text, InputFormat.JSON);
	}

	private static JsonNode asJson(Map<String, byte[]> headers) {
		ObjectNode json = (ObjectNode) new YAMLMapper().createObjectNode();
		headers.forEach((name, value) -> json.put(name, new String(value, StandardCharsets.UTF_8)));
		return json;
	}

	private static JsonNode messages() {
		return asyncApi.at("/components/messages");
	}

	private static JsonNode message(EventType type) {
		for (JsonNode message : messages()) {
			if (message.get("name").asString().equals(type.wireType())) {
				return message;
			}
		}
		throw new AssertionError("No message named " + type.wireType());
	}

	private static String payloadSchemaFile(JsonNode message) {
		String ref = message.at("/payload/schema/$ref").asString();
		assertThat(ref).startsWith("../schemas/");
		return ref.substring("../schemas/".length());
	}

}
