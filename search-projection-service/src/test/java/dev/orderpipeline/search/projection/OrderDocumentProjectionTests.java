package dev.orderpipeline.search.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestLine;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OrderDocumentProjectionTests {

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * Boot's producer settings: they include the broker's connection details in either
	 * test mode.
	 */
	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Test
	void aCancelledOrderNeverBecomesPlacedAgainWhateverTheArrivalOrder() throws Exception {
		UUID cancelledFirst = UUID.randomUUID();
		UUID inOrder = UUID.randomUUID();
		UUID stillPlaced = UUID.randomUUID();
		OutgoingEvent placement = order(inOrder).placed();

		send(order(cancelledFirst).cancelled(), order(cancelledFirst).placed(), placement, order(inOrder).cancelled(),
				order(stillPlaced).placed(), placement);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event where order_id in (?, ?, ?)",
					Integer.class, cancelledFirst.toString(), inOrder.toString(), stillPlaced.toString()) == 5);
		Map<String, Object> late = document(cancelledFirst);
		assertThat(late).containsEntry("status", "CANCELLED")
			.containsEntry("customer_email", "ada@example.com")
			.containsEntry("total_amount", 2500L)
			.containsEntry("last_sequence", 2L);
		assertThat(document(inOrder)).containsEntry("status", "CANCELLED").containsEntry("cancel_reason", "too slow");
		assertThat(document(stillPlaced)).containsEntry("status", "PLACED").containsEntry("currency", "EUR");
		assertThat(this.jdbc.queryForList(
				"select order_id from order_document where search_text @@ plainto_tsquery('simple', 'fountain')",
				UUID.class))
			.contains(cancelledFirst, inOrder, stillPlaced);
	}

	@Test
	void theSameEventDeliveredThreeTimesMakesOneDocument() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = order(orderId).placed();

		send(placement, placement, placement);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event where order_id = ?",
					Integer.class, orderId.toString()) == 1);
		assertThat(this.jdbc.queryForObject("select count(*) from order_document where order_id = ?", Integer.class,
				orderId))
			.isEqualTo(1);
		assertThat(document(orderId)).containsEntry("status", "PLACED").containsEntry("last_sequence", 1L);
	}

	@Test
	void placementsOfVersionOneAndTwoMakeTheSameDocument() throws Exception {
		UUID v1 = UUID.randomUUID();
		UUID v2 = UUID.randomUUID();
		Instant placedAt = now();
		TestLine[] lines = { new TestLine("PEN-1", "Fountain pen", 2, 1250),
				new TestLine("INK-9", "Ink bottle", 1, 400) };

		send(TestOrders.order(v1)
			.version(1)
			.customer("c-9", "bo@example.com")
			.placedAt(placedAt)
			.lines(lines)
			.taxPercent(10)
			.placed(),
				TestOrders.order(v2)
					.customer("c-9", "bo@example.com")
					.placedAt(placedAt)
					.lines(lines)
					.taxPercent(10)
					.placed());

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from order_document where order_id in (?, ?)",
					Integer.class, v1, v2) == 2);
		String columns = "status, customer_id, customer_email, currency, subtotal_amount, tax_amount, total_amount, "
				+ "skus::text, lines::text, placed_at, search_text::text";
		Map<String, Object> fromV1 = this.jdbc
			.queryForMap("select " + columns + " from order_document where order_id = ?", v1);
		assertThat(this.jdbc.queryForMap("select " + columns + " from order_document where order_id = ?", v2))
			.isEqualTo(fromV1);
		assertThat(fromV1).containsEntry("subtotal_amount", 2900L)
			.containsEntry("tax_amount", 290L)
			.containsEntry("total_amount", 3190L)
			.containsEntry("skus", "{PEN-1,INK-9}");
		assertThat(this.jdbc.queryForObject(
				"select (lines -> 0 ->> 'productName') || '/' || (lines -> 0 -> 'lineTotal' ->> 'amount') "
						+ "|| '/' || (lines -> 1 ->> 'quantity') from order_document where order_id = ?",
				String.class, v1))
			.isEqualTo("Fountain pen/2500/1");
	}

	@Test
	void aDocumentBelongsToItsOrdersTenantAndEventsWithoutOneToTenantDefault() throws Exception {
		UUID globex = UUID.randomUUID();
		UUID cancelledFirst = UUID.randomUUID();
		UUID legacy = UUID.randomUUID();
		TestLine line = new TestLine("PEN-1", "Fountain pen", 1, 1250);

		send(TestOrders.order(globex).version(1).tenant("globex").customer("c-1", "g@example.com").line(line).placed(),
				TestOrders.order(cancelledFirst).version(1).tenant("initech").reason(null).cancelled(),
				TestOrders.order(cancelledFirst).tenant("initech").customer("c-2", "i@example.com").line(line).placed(),
				TestOrders.order(legacy).tenant(null).customer("c-3", "l@example.com").line(line).placed());

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event where order_id in (?, ?, ?)",
					Integer.class, globex.toString(), cancelledFirst.toString(), legacy.toString()) == 4);
		assertThat(document(globex)).containsEntry("tenant_id", "globex");
		assertThat(document(cancelledFirst)).containsEntry("tenant_id", "initech").containsEntry("status", "CANCELLED");
		assertThat(document(legacy)).containsEntry("tenant_id", "default");
	}

	private Map<String, Object> document(UUID orderId) {
		return this.jdbc.queryForMap("select * from order_document where order_id = ?", orderId);
	}

	private void send(OutgoingEvent... events) throws Exception {
		TestOrders.send(this.producerFactory, events);
	}

	/**
	 * 2 × "Fountain pen" at 12.50 of the tenant {@code default} by c-7 (ada@example.com);
	 * its events are {@code order.placed.v2} and {@code order.cancelled.v2}.
	 */
	private static TestOrder order(UUID orderId) {
		return TestOrders.order(orderId)
			.tenant("default")
			.customer("c-7", "ada@example.com")
			.line("PEN-1", "Fountain pen", 2, 1250)
			.reason("too slow");
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
