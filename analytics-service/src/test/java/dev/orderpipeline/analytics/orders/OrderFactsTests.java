package dev.orderpipeline.analytics.orders;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import dev.orderpipeline.events.order.OrderPlacedV2;
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
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OrderFactsTests {

	private static final EventEncoder encoder = EventEncoder.validating(new EventSchemas());

	private static final Instant DAY = Instant.parse("2026-03-14T10:15:30Z");

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * Boot's producer settings: they include the broker's connection details in either
	 * test mode.
	 */
	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Test
	void countsOrdersAndRevenuePerDayAndCurrencyWhateverTheArrivalOrderAndRedeliveries() throws Exception {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		UUID cancelledBeforeItsPlacementArrived = UUID.randomUUID();
		UUID dollars = UUID.randomUUID();
		OutgoingEvent firstPlaced = placedV1(first, 1000, "EUR");

		send(firstPlaced, placedV2(second, 2500, "EUR"), cancelled(cancelledBeforeItsPlacementArrived),
				placedV2(cancelledBeforeItsPlacementArrived, 4000, "EUR"), placedV1(dollars, 700, "USD"), firstPlaced);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event", Integer.class) == 5);
		Map<String, Object> euros = stats("EUR");
		assertThat(euros).containsEntry("orders_placed", 3L)
			.containsEntry("orders_cancelled", 1L)
			.containsEntry("gross_revenue", java.math.BigDecimal.valueOf(7500))
			.containsEntry("net_revenue", java.math.BigDecimal.valueOf(3500));
		assertThat(stats("USD")).containsEntry("orders_placed", 1L)
			.containsEntry("net_revenue", java.math.BigDecimal.valueOf(700));
	}

	private Map<String, Object> stats(String currency) {
		return this.jdbc.queryForMap("select * from daily_order_stats where day = ? and currency = ?",
				LocalDate.parse("2026-03-14"), currency);
	}

	private void send(OutgoingEvent... events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (OutgoingEvent event : events) {
				producer.send(event.toProducerRecord()).get();
			}
		}
	}

	private static OutgoingEvent placedV1(UUID orderId, long amount, String currency) {
		Money total = Money.of(amount, currency);
		return encoder.encode(new OrderPlacedV1(orderId, 1, "c-1", "ada@example.com",
				List.of(new OrderPlacedV1.Line("SKU-1", "Pen", 1, total, total)), total, Money.of(0, currency), total,
				currency, DAY), metadata());
	}

	private static OutgoingEvent placedV2(UUID orderId, long amount, String currency) {
		Money total = Money.of(amount, currency);
		return encoder.encode(new OrderPlacedV2(orderId, 1, new OrderPlacedV2.Customer("c-2", "bob@example.com"),
				List.of(new OrderPlacedV2.Line("SKU-2", "Ink", 1, total, total)),
				new OrderPlacedV2.Totals(total, Money.of(0, currency), total), DAY), metadata());
	}

	private static OutgoingEvent cancelled(UUID orderId) {
		return encoder.encode(new OrderCancelledV1(orderId, 2, List.of(new OrderCancelledV1.ReleasedLine("SKU-2", 1)),
				DAY.plusSeconds(60), null), metadata());
	}

	private static EventMetadata metadata() {
		return EventMetadata.newEvent(URI.create("/order-service"));
	}

}
