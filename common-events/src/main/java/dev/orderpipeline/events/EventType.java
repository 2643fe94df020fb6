package dev.orderpipeline.events;

import java.util.Arrays;
import java.util.Optional;

import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * The registry of published event types. Each constant binds a wire type name and a major
 * version to the record that carries it and to its JSON Schema. The wire type
 * ({@code ce_type}) is spelled out here and never derived from a class name, so records
 * can be renamed or moved without changing the contract.
 */
public enum EventType {

	ORDER_PLACED_V1("order.placed", 1, OrderPlacedV1.class),

	ORDER_PLACED_V2("order.placed", 2, OrderPlacedV2.class),

	ORDER_CANCELLED_V1("order.cancelled", 1, OrderCancelledV1.class),

	ORDER_CANCELLED_V2("order.cancelled", 2, OrderCancelledV2.class);

	private final String name;

	private final int majorVersion;

	private final Class<? extends IntegrationEvent> recordType;

	EventType(String name, int majorVersion, Class<? extends IntegrationEvent> recordType) {
		this.name = name;
		this.majorVersion = majorVersion;
		this.recordType = recordType;
	}

	/**
	 * The type name without version, for example {@code order.placed}.
	 * @return the type name
	 */
	public String typeName() {
		return this.name;
	}

	public int majorVersion() {
		return this.majorVersion;
	}

	/**
	 * The value of {@code ce_type}, for example {@code order.placed.v1}.
	 * @return the wire type
	 */
	public String wireType() {
		return this.name + ".v" + this.majorVersion;
	}

	public Class<? extends IntegrationEvent> recordType() {
		return this.recordType;
	}

	/**
	 * Class path location of the JSON Schema, for example
	 * {@code schemas/order.placed.v1.schema.json}.
	 * @return the schema resource name
	 */
	public String schemaResource() {
		return "schemas/" + wireType() + ".schema.json";
	}

	/**
	 * Class path folder holding the golden sample documents of this type and version.
	 * @return the samples folder
	 */
	public String samplesFolder() {
		return "samples/" + wireType();
	}

	/**
	 * Looks up a wire type as received in {@code ce_type}.
	 * @param wireType for example {@code order.placed.v2}
	 * @return the type, or empty if this build does not know it
	 */
	public static Optional<EventType> fromWireType(String wireType) {
		return Arrays.stream(values()).filter((type) -> type.wireType().equals(wireType)).findFirst();
	}

	/**
	 * The type of an event record.
	 * @param event the event
	 * @return its type
	 * @throws IllegalArgumentException if the record is not registered
	 */
	public static EventType of(IntegrationEvent event) {
		return Arrays.stream(values())
			.filter((type) -> type.recordType == event.getClass())
			.findFirst()
			.orElseThrow(
					() -> new IllegalArgumentException("No event type registered for " + event.getClass().getName()));
	}

}
