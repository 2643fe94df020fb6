package dev.orderpipeline.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads event payloads written by {@link EventSerializer} or by any producer that follows
 * the schema. Unknown properties are ignored so that optional fields added later do not
 * break consumers built against an older contract. Thread-safe.
 */
public final class EventDeserializer {

	/**
	 * Reads a payload as the record registered for its type.
	 * @param type the event type from {@code ce_type}
	 * @param json the payload
	 * @return the event record
	 * @throws EventFormatException if the payload cannot be read as that type
	 */
	public IntegrationEvent deserialize(EventType type, byte[] json) {
		return deserialize(json, type.recordType());
	}

	/**
	 * Reads a payload as the given record.
	 * @param <T> the record type
	 * @param json the payload
	 * @param recordType the record class
	 * @return the event record
	 * @throws EventFormatException if the payload cannot be read as that type
	 */
	public <T extends IntegrationEvent> T deserialize(byte[] json, Class<T> recordType) {
		try {
			return EventJson.MAPPER.readValue(json, recordType);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new EventFormatException(
					"Cannot read payload as " + recordType.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parses a payload into a tree, for schema validation or inspection.
	 * @param json the payload
	 * @return the tree
	 * @throws EventFormatException if the payload is not JSON
	 */
	public JsonNode readTree(byte[] json) {
		try {
			return EventJson.MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new EventFormatException("Payload is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
