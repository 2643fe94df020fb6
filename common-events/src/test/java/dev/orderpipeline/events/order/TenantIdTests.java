package dev.orderpipeline.events.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventDeserializer;
import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.TestResources;
import dev.orderpipeline.events.facts.OrderFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code tenantId} was added to every order event after they were published: events from
 * before tenancy have none and belong to tenant {@code default}.
 */
class TenantIdTests {

	private static final EventSchemas schemas = new EventSchemas();

	private final EventDeserializer deserializer = new EventDeserializer();

	@ParameterizedTest
	@EnumSource(value = EventType.class, names = "ORDER_CANCELLED_V2", mode = EnumSource.Mode.EXCLUDE)
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

	@ParameterizedTest
	@EnumSource(EventType.class)
	void aFactIsNeverWithoutATenant(EventType type) {
		IntegrationEvent minimal = this.deserializer.deserialize(type,
				TestResources.bytes(type.samplesFolder() + "/minimal.json"));
		IntegrationEvent full = this.deserializer.deserialize(type,
				TestResources.bytes(type.samplesFolder() + "/full.json"));

		assertThat(OrderFacts.of(minimal).tenantId()).isEqualTo("default");
		assertThat(OrderFacts.of(full).tenantId()).isEqualTo("acme");
	}

	@Test
	void aCancellationOfTheSecondVersionAlwaysNamesItsTenant() {
		byte[] withoutTenant = TestResources.text("samples/order.cancelled.v2/minimal.json")
			.replace("\"tenantId\": \"default\",", "")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(schemas.violations(EventType.ORDER_CANCELLED_V2, withoutTenant)).isNotEmpty();
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.deserializer.deserialize(EventType.ORDER_CANCELLED_V2, withoutTenant));
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

}
