package dev.orderpipeline.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson configuration used to write and read event payloads. */
final class EventJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
		// Consumers tolerate fields that newer producers of the same major version add.
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// Optional fields added later are absent from older events: they read as null.
		// Required reference fields are enforced by the record constructors instead.
		.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		// A null, fractional or quoted number must never become a different amount.
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		.build();

	private EventJson() {
	}

}
