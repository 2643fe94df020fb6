package dev.orderpipeline.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Validates payloads against the JSON Schemas shipped in this jar (draft 2020-12, with
 * {@code format} asserted). The constructor loads and compiles every schema, so create
 * one instance per application and share it; it is thread-safe. Validation costs a parse
 * and a tree walk per message, so consumers opt in where they want it (for example before
 * dead-lettering, or in contract tests) rather than on every read.
 */
public final class EventSchemas {

	private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

	public EventSchemas() {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config));
		for (EventType type : EventType.values()) {
			this.schemas.put(type, registry.getSchema(readSchema(type), InputFormat.JSON));
		}
	}

	/**
	 * Validates a payload.
	 * @param type the event type whose schema applies
	 * @param json the payload
	 * @return the violations, empty if the payload is valid
	 */
	public List<String> violations(EventType type, byte[] json) {
		return violations(type, new EventDeserializer().readTree(json));
	}

	/**
	 * Validates a parsed payload.
	 * @param type the event type whose schema applies
	 * @param json the payload
	 * @return the violations, empty if the payload is valid
	 */
	public List<String> violations(EventType type, JsonNode json) {
		return this.schemas.get(type).validate(json).stream().map(Object::toString).toList();
	}

	/**
	 * Validates a payload and fails if it violates its schema.
	 * @param type the event type whose schema applies
	 * @param json the payload
	 * @throws EventFormatException listing the violations
	 */
	public void requireValid(EventType type, byte[] json) {
		List<String> violations = violations(type, json);
		if (!violations.isEmpty()) {
			throw new EventFormatException(type.wireType() + " payload violates its schema: " + violations);
		}
	}

	/**
	 * The schema document of a type, as shipped in this jar.
	 * @param type the event type
	 * @return the schema text
	 */
	public static String readSchema(EventType type) {
		try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
			if (in == null) {
				throw new IllegalStateException("Missing schema resource " + type.schemaResource());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
