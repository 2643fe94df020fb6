package dev.orderpipeline.events;

import tools.jackson.core.JacksonException;

/**
 * Writes event records as UTF-8 JSON: instants as ISO-8601 strings, money as integer
 * minor units, absent optional values as {@code null}. Thread-safe.
 */
public final class EventSerializer {

	public byte[] serialize(IntegrationEvent event) {
		try {
			return EventJson.MAPPER.writeValueAsBytes(event);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Cannot serialize " + EventType.of(event).wireType(), ex);
		}
	}

}
