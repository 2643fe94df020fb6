package dev.orderpipeline.testing.events;

import java.time.Instant;
import java.util.UUID;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestOrderTest {

	@Test
	void defaultsAreOneConsistentOrderOfTheDefaultTenant() {
		OrderPlacedV2 placed = TestOrders.order().records().placedV2();

		assertThat(placed.tenantId()).isEqualTo(TestOrders.TENANT);
		assertThat(placed.customer()).isEqualTo(new OrderPlacedV2.Customer("c-1", "ada@example.com"));
		assertThat(placed.lines()).hasSize(1);
		assertThat(placed.totals())
			.isEqualTo(new OrderPlacedV2.Totals(Money.of(2500, "EUR"), Money.of(0, "EUR"), Money.of(2500, "EUR")));
		assertThat(placed.sequence()).isEqualTo(1);
	}

	@Test
	void totalsFollowTheLinesAndTheTax() {
		TestOrder order = TestOrders.order()
			.currency("GBP")
			.line("PEN-1", "Fountain pen", 2, 1250)
			.line("INK-9", 1, 400)
			.taxPercent(10);

		OrderPlacedV1 placed = order.version(1).records().placedV1();

		assertThat(placed.lines()).extracting(OrderPlacedV1.Line::productName)
			.containsExactly("Fountain pen", "Product INK-9");
		assertThat(placed.subtotal()).isEqualTo(Money.of(2900, "GBP"));
		assertThat(placed.tax()).isEqualTo(Money.of(290, "GBP"));
		assertThat(placed.total()).isEqualTo(Money.of(3190, "GBP"));
		assertThat(order.tax(500).total()).isEqualTo(3400);
	}

	@Test
	void settersReturnChangedCopies() {
		TestOrder order = TestOrders.order();
		TestOrder other = order.tenant("globex").line("X", 1, 1);

		assertThat(order.tenant()).isEqualTo(TestOrders.TENANT);
		assertThat(order.lines()).containsExactly(TestOrder.DEFAULT_LINE);
		assertThat(other.tenant()).isEqualTo("globex");
		assertThat(other.id()).isEqualTo(order.id());
	}

	@Test
	void eventsAreSchemaCheckedRecordsOfTheChosenVersionWithNewEventIds() {
		UUID id = UUID.randomUUID();
		TestOrder order = TestOrders.order(id).traced();

		assertThat(order.placed().type()).isEqualTo(EventType.ORDER_PLACED_V2);
		assertThat(order.version(1).placed().type()).isEqualTo(EventType.ORDER_PLACED_V1);
		assertThat(order.version(1).cancelled().type()).isEqualTo(EventType.ORDER_CANCELLED_V1);
		assertThat(order.placed().key()).isEqualTo(id.toString());
		assertThat(order.placed().eventId()).isNotEqualTo(order.placed().eventId());
		UUID eventId = UUID.randomUUID();
		assertThat(order.cancelled(eventId).headerValues()).containsEntry("ce_id", eventId.toString())
			.containsEntry("traceparent", TestOrders.TRACEPARENT);
	}

	@Test
	void cancellationsOfOrdersFromBeforeTenancySayDefault() {
		Instant at = Instant.parse("2031-08-02T10:00:00Z");
		OrderCancelledV2 cancelled = TestOrders.order()
			.tenant(null)
			.cancelledAt(at)
			.cancelledSequence(5)
			.records()
			.cancelledV2();

		assertThat(cancelled.tenantId()).isEqualTo("default");
		assertThat(cancelled.cancelledAt()).isEqualTo(at);
		assertThat(cancelled.sequence()).isEqualTo(5);
		assertThat(TestOrders.order().tenant(null).records().placedV2().tenantId()).isNull();
	}

}
