package dev.orderpipeline.orders.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventSerializer;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.facts.OrderFacts;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.orders.money.Money;
import dev.orderpipeline.orders.order.domain.OrderCancelled;
import dev.orderpipeline.orders.order.domain.OrderLine;
import dev.orderpipeline.orders.order.domain.OrderPlaced;
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
	void aPlacementIsPublishedAsTheNewestVersionAndReadsBackAsTheSameOrder() {
		IntegrationEvent event = new IntegrationEvents().of(this.placed, 1);

		assertThat(event).isInstanceOf(OrderPlacedV2.class);
		assertThat(SCHEMAS.violations(EventType.ORDER_PLACED_V2, new EventSerializer().serialize(event))).isEmpty();
		dev.orderpipeline.events.facts.OrderPlaced fact = (dev.orderpipeline.events.facts.OrderPlaced) OrderFacts
			.of(event);
		assertThat(fact.tenantId()).isEqualTo("acme");
		assertThat(fact.customerEmail()).isEqualTo("ana@example.com");
		assertThat(fact.total()).isEqualTo(dev.orderpipeline.events.Money.of(1680, "EUR"));
		assertThat(fact.lines()).hasSize(2);
		assertThat(fact.sourceVersion()).isEqualTo(2);
	}

	@Test
	void aCancellationIsPublishedAsTheNewestVersionWithTheOrderAndTheReason() {
		OrderCancelled domain = new OrderCancelled(this.placed.orderId(), "acme", "c-1", "ana@example.com",
				this.placed.lines(), this.placed.subtotal(), this.placed.tax(), this.placed.total(), Instant.now(),
				"Ordered twice");

		IntegrationEvent event = new IntegrationEvents().of(domain, 2);

		assertThat(event).isInstanceOf(OrderCancelledV2.class);
		assertThat(SCHEMAS.violations(EventType.ORDER_CANCELLED_V2, new EventSerializer().serialize(event))).isEmpty();
		dev.orderpipeline.events.facts.OrderCancelled fact = (dev.orderpipeline.events.facts.OrderCancelled) OrderFacts
			.of(event);
		assertThat(fact.sequence()).isEqualTo(2);
		assertThat(fact.tenantId()).isEqualTo("acme");
		assertThat(fact.reason()).isEqualTo("Ordered twice");
		assertThat(fact.releasedLines()).containsExactly(
				new dev.orderpipeline.events.facts.OrderCancelled.ReleasedLine("SKU-1", 2),
				new dev.orderpipeline.events.facts.OrderCancelled.ReleasedLine("SKU-2", 1));
		assertThat(fact.order()).hasValueSatisfying((order) -> {
			assertThat(order.customerId()).isEqualTo("c-1");
			assertThat(order.customerEmail()).isEqualTo("ana@example.com");
			assertThat(order.total().amount()).isEqualTo(1680);
		});
	}

}
