package dev.orderpipeline.orders.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventSerializer;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.events.order.OrderPlacement;
import dev.orderpipeline.events.order.OrderPlacements;
import dev.orderpipeline.orders.money.Money;
import dev.orderpipeline.orders.order.domain.OrderCancelled;
import dev.orderpipeline.orders.order.domain.OrderLine;
import dev.orderpipeline.orders.order.domain.OrderPlaced;
import dev.orderpipeline.orders.outbox.EventsProperties.PlacedVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationEventsTest {

	static final EventSchemas SCHEMAS = new EventSchemas();

	final OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), "acme", "c-1", "ana@example.com",
			List.of(new OrderLine(1, "SKU-1", "Espresso", 2, Money.of(250, "EUR"), Money.of(500, "EUR")),
					new OrderLine(2, "SKU-2", "Cup", 1, Money.of(900, "EUR"), Money.of(900, "EUR"))),
			Money.of(1400, "EUR"), Money.of(280, "EUR"), Money.of(1680, "EUR"),
			Instant.parse("2026-11-23T09:16:02.123456Z"));

	@Test
	void theSwitchChoosesTheVersionOfOrderPlaced() {
		assertThat(new IntegrationEvents(PlacedVersion.V1).of(this.placed, 1)).isInstanceOf(OrderPlacedV1.class);
		assertThat(new IntegrationEvents(PlacedVersion.V2).of(this.placed, 1)).isInstanceOf(OrderPlacedV2.class);
	}

	@Test
	void bothVersionsAreValidAndReadAsTheSamePlacement() {
		OrderPlacedV1 v1 = IntegrationEvents.placedV1(this.placed, 1);
		OrderPlacedV2 v2 = IntegrationEvents.placedV2(this.placed, 1);
		assertThat(SCHEMAS.violations(EventType.ORDER_PLACED_V1, new EventSerializer().serialize(v1))).isEmpty();
		assertThat(SCHEMAS.violations(EventType.ORDER_PLACED_V2, new EventSerializer().serialize(v2))).isEmpty();

		OrderPlacement fromV1 = OrderPlacements.from(v1).orElseThrow();
		OrderPlacement fromV2 = OrderPlacements.from(v2).orElseThrow();

		assertThat(fromV2).usingRecursiveComparison().ignoringFields("sourceVersion").isEqualTo(fromV1);
		assertThat(fromV1.total()).isEqualTo(dev.orderpipeline.events.Money.of(1680, "EUR"));
		assertThat(fromV1.lines()).hasSize(2);
		assertThat(fromV2.sourceVersion()).isEqualTo(2);
		assertThat(v1.tenantId()).isEqualTo("acme");
		assertThat(v2.tenantId()).isEqualTo("acme");
		assertThat(fromV1.tenantId()).isEqualTo("acme");
	}

	@Test
	void aCancellationReleasesEveryLineWithItsSequence() {
		OrderCancelledV1 cancelled = (OrderCancelledV1) new IntegrationEvents(PlacedVersion.V1)
			.of(new OrderCancelled(this.placed.orderId(), "acme", "c-1", this.placed.lines(), Instant.now()), 2);

		assertThat(cancelled.sequence()).isEqualTo(2);
		assertThat(cancelled.tenantId()).isEqualTo("acme");
		assertThat(cancelled.releasedLines()).containsExactly(new OrderCancelledV1.ReleasedLine("SKU-1", 2),
				new OrderCancelledV1.ReleasedLine("SKU-2", 1));
		assertThat(SCHEMAS.violations(EventType.ORDER_CANCELLED_V1, new EventSerializer().serialize(cancelled)))
			.isEmpty();
	}

}
