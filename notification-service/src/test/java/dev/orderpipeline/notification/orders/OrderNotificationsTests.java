package dev.orderpipeline.notification.orders;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OrderNotificationsTests {

	private static final EventEncoder encoder = EventEncoder.validating(new EventSchemas());

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * Boot's producer settings: they include the broker's connection details in either
	 * test mode.
	 */
	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Test
	void recordsOneConfirmationAndOneCancellationNoticePerOrderAndNoConfirmationAfterACancellation() throws Exception {
		UUID placedThenCancelled = UUID.randomUUID();
		UUID cancelledFirst = UUID.randomUUID();
		OutgoingEvent placement = placed(placedThenCancelled);

		send(placement, placement, cancelled(placedThenCancelled), cancelled(cancelledFirst), placed(cancelledFirst));

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event where order_id in (?, ?)",
					Integer.class, placedThenCancelled.toString(), cancelledFirst.toString()) == 4);
		assertThat(notifications(placedThenCancelled))
			.extracting((row) -> row.get("kind"), (row) -> row.get("recipient"), (row) -> row.get("status"))
			.containsExactly(tuple("ORDER_CONFIRMATION", "ada@example.com", "PENDING"),
					tuple("ORDER_CANCELLATION", "ada@example.com", "PENDING"));
		assertThat(notifications(cancelledFirst)).extracting((row) -> row.get("kind"), (row) -> row.get("status"))
			.containsExactly(tuple("ORDER_CANCELLATION", "NO_RECIPIENT"));
	}

	private List<Map<String, Object>> notifications(UUID orderId) {
		return this.jdbc.queryForList("select * from notification where order_id = ? order by id", orderId);
	}

	private void send(OutgoingEvent... events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (OutgoingEvent event : events) {
				producer.send(event.toProducerRecord()).get();
			}
		}
	}

	private static OutgoingEvent placed(UUID orderId) {
		Money total = Money.of(1999, "EUR");
		return encoder.encode(new OrderPlacedV1(orderId, 1, "c-1", "ada@example.com",
				List.of(new OrderPlacedV1.Line("BOOK-1", "Notes", 1, total, total)), total, Money.of(0, "EUR"), total,
				"EUR", now()), EventMetadata.newEvent(URI.create("/order-service")));
	}

	private static OutgoingEvent cancelled(UUID orderId) {
		return encoder.encode(
				new OrderCancelledV1(orderId, 2, List.of(new OrderCancelledV1.ReleasedLine("BOOK-1", 1)), now(), null),
				EventMetadata.newEvent(URI.create("/order-service")));
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
