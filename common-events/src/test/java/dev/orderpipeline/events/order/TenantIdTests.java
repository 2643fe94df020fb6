package dev.orderpipeline.events.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventDeserializer;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code tenantId} was added to every order event after they were published: events from
 * before tenancy have none and belong to tenant {@code default}.
 */
class TenantIdTests {

	private static final EventSchemas schemas = new EventSchemas();

	private final EventDeserializer deserializer = new EventDeserializer();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void anEventFromBeforeTenancyBelongsToTheDefaultTenant(EventType type) {
		OrderEvent event = (OrderEvent) this.deserializer.deserialize(type,
				TestResources.bytes(type.samplesFolder() + "/minimal.json"));

		assertThat(event.tenantId()).isNull();
		assertThat(event.tenantOrDefault()).isEqualTo(OrderEvent.DEFAULT_TENANT).isEqualTo("default");
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void anEventWithATenantReadsIt(EventType type) {
		OrderEvent event = (OrderEvent) this.deserializer.deserialize(type,
				TestResources.bytes(type.samplesFolder() + "/full.json"));

		assertThat(event.tenantId()).isEqualTo("acme");
		assertThat(event.tenantOrDefault()).isEqualTo("acme");
	}

	@Test
	void thePlacementViewIsNeverWithoutATenant() {
		OrderPlacements placements = new OrderPlacements();
		for (EventType type : new EventType[] { EventType.ORDER_PLACED_V1, EventType.ORDER_PLACED_V2 }) {
			assertThat(placements.read(type, TestResources.bytes(type.samplesFolder() + "/minimal.json")).tenantId())
				.as(type.wireType())
				.isEqualTo("default");
			OrderPlacement full = placements.read(type, TestResources.bytes(type.samplesFolder() + "/full.json"));
			assertThat(full.tenantId()).as(type.wireType()).isEqualTo("acme");
			assertThat(full.tenantOrDefault()).isEqualTo("acme");
		}
	}

	@Test
	void aBlankTenantIsAProducerBug() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderCancelledV1(UUID.randomUUID(), 2, List.of(), Instant.now(), null, " "));
		byte[] empty = TestResources.text("samples/order.placed.v1/full.json")
			.replace("\"tenantId\": \"acme\"", "\"tenantId\": \"\"")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(schemas.violations(EventType.ORDER_PLACED_V1, empty)).isNotEmpty();
	}

	@Test
	void theConstructorsWithoutATenantStillWork() {
		OrderEvent event = new OrderCancelledV1(UUID.randomUUID(), 2, List.of(), Instant.now(), null);
		assertThat(event.tenantId()).isNull();
		assertThat(event.tenantOrDefault()).isEqualTo("default");
	}

}
