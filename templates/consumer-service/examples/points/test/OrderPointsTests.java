package __PACKAGE__;

import java.time.Duration;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real PostgreSQL and Kafka: events published to order-events move a customer's points.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OrderPointsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aPlacedOrderGrantsPointsAndItsCancellationTakesThemBack() throws Exception {
		String customer = "customer-" + UUID.randomUUID();
		TestOrder kept = order(customer, 4250);
		TestOrder cancelled = order(customer, 1999);

		TestOrders.send(this.producerFactory, kept.placed(), cancelled.placed());
		await().atMost(TIMEOUT).until(() -> points(customer) == 42 + 19);

		TestOrders.send(this.producerFactory, cancelled.cancelled());
		await().atMost(TIMEOUT).until(() -> points(customer) == 42);
	}

	@Test
	void aDuplicateDeliveryChangesNothing() throws Exception {
		String customer = "customer-" + UUID.randomUUID();
		TestOrder order = order(customer, 1000);
		OutgoingEvent placed = order.placed();
		OutgoingEvent cancelled = order.cancelled();

		// One key, one partition: once the cancellation is applied, every delivery
		// before it was handled. A second grant would leave points after it.
		TestOrders.send(this.producerFactory, placed, placed, placed, cancelled);

		await().atMost(TIMEOUT).until(() -> inboxRows(cancelled.eventId()) == 1);
		assertThat(points(customer)).isZero();
		assertThat(inboxRows(placed.eventId())).isEqualTo(1);
	}

	/** An order of that customer whose total is exactly that (one line, no tax). */
	private static TestOrder order(String customer, long total) {
		return TestOrders.order().customer(customer, customer + "@example.com").line("SKU-1", 1, total);
	}

	private long points(String customer) {
		return this.jdbc.queryForList("select points from customer_points where customer_id = ?", Long.class, customer)
			.stream()
			.findFirst()
			.orElse(0L);
	}

	private int inboxRows(String eventId) {
		return this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid", Integer.class,
				eventId);
	}

}
