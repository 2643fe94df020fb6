package dev.orderpipeline.events;

import java.util.Arrays;

import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeTests {

	@Test
	void wireTypesAreThePublishedNamesWithTheirMajorVersion() {
		assertThat(EventType.ORDER_PLACED_V1.wireType()).isEqualTo("order.placed.v1");
		assertThat(EventType.ORDER_PLACED_V2.wireType()).isEqualTo("order.placed.v2");
		assertThat(EventType.ORDER_CANCELLED_V1.wireType()).isEqualTo("order.cancelled.v1");
	}

	@Test
	void wireTypesAreUnique() {
		assertThat(Arrays.stream(EventType.values()).map(EventType::wireType)).doesNotHaveDuplicates();
	}

	@Test
	void eachRecordBelongsToExactlyOneType() {
		assertThat(Arrays.stream(EventType.values()).map(EventType::recordType)).doesNotHaveDuplicates();
		TestEvents events = new TestEvents(7);
		assertThat(EventType.of(events.orderPlacedV1())).isEqualTo(EventType.ORDER_PLACED_V1);
		assertThat(EventType.of(events.orderPlacedV2())).isEqualTo(EventType.ORDER_PLACED_V2);
		assertThat(EventType.of(events.orderCancelledV1())).isEqualTo(EventType.ORDER_CANCELLED_V1);
	}

	@Test
	void theWireTypeDoesNotComeFromTheClassName() {
		assertThat(EventType.ORDER_PLACED_V1.recordType()).isEqualTo(OrderPlacedV1.class);
		assertThat(EventType.ORDER_PLACED_V2.recordType()).isEqualTo(OrderPlacedV2.class);
		assertThat(EventType.ORDER_CANCELLED_V1.recordType()).isEqualTo(OrderCancelledV1.class);
		assertThat(Arrays.stream(EventType.values()))
			.noneMatch((type) -> type.wireType().contains(type.recordType().getSimpleName()));
	}

	@Test
	void unknownWireTypesAreNotGuessed() {
		assertThat(EventType.fromWireType("order.placed.v3")).isEmpty();
		assertThat(EventType.fromWireType("order.placed")).isEmpty();
		assertThat(EventType.fromWireType("OrderPlacedV1")).isEmpty();
		assertThat(EventType.fromWireType("order.placed.v2")).contains(EventType.ORDER_PLACED_V2);
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void everyTypeShipsItsSchemaInTheJar(EventType type) {
		assertThat(EventSchemas.readSchema(type)).contains("\"$id\": \"urn:orderpipeline:events:" + type.wireType());
	}

	@Test
	void everySchemaFileBelongsToARegisteredType() {
		assertThat(TestResources.schemaFiles()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(EventType.values()).map((type) -> type.wireType() + ".schema.json").toList());
	}

}
