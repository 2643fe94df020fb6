package dev.orderpipeline.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.consumer.ConsumerContainers;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures a backlog of placements draining through the handler (rows recorded) and the
 * sender (emails accepted by the GreenMail SMTP server). Not part of the build (the name
 * does not match the test pattern): {@code ./mvnw -pl notification-service test
 * -Dtest=NotificationDrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false}, then read
 * the {@code DRAIN} lines in {@code target/surefire-reports/*-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class NotificationDrainBenchmark {

	private static final int EVENTS = Integer.getInteger("benchmark.events", 20_000);

	@Autowired
	private ConsumerContainers containers;

	/** {@code -Dnotifications.senders=0} measures the handler alone. */
	@Value("${notifications.senders}")
	private int senders;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Test
	void drainsABacklog() throws Exception {
		this.containers.stop();
		List<UUID> orderIds = new ArrayList<>(EVENTS);
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
			for (int i = 0; i < EVENTS; i++) {
				UUID orderId = UUID.randomUUID();
				orderIds.add(orderId);
				sends.add(producer.send(placed(orderId).toProducerRecord()));
			}
			for (Future<RecordMetadata> send : sends) {
				send.get(60, TimeUnit.SECONDS);
			}
		}
		this.jdbc.update("create table if not exists benchmark_order (order_id uuid primary key)");
		this.jdbc.batchUpdate("insert into benchmark_order values (?)", orderIds, 1000,
				(statement, id) -> statement.setObject(1, id));
		int mailsBefore = TestSmtpServer.received().size();

		long start = System.nanoTime();
		this.containers.start();
		await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> count(null) == EVENTS);
		double recorded = (System.nanoTime() - start) / 1e9;
		System.out.printf("DRAIN %d placements recorded in %.2f s = %.0f events/s (senders: %d)%n", EVENTS, recorded,
				EVENTS / recorded, this.senders);
		if (this.senders == 0) {
			return;
		}
		await().atMost(Duration.ofMinutes(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("SENT") == EVENTS);
		double sent = (System.nanoTime() - start) / 1e9;
		System.out.printf("DRAIN %d emails sent in %.2f s = %.0f emails/s (senders: %d)%n", EVENTS, sent, EVENTS / sent,
				this.senders);
		assertThat(TestSmtpServer.received().size() - mailsBefore).isEqualTo(EVENTS);
	}

	private int count(String status) {
		return this.jdbc.queryForObject("""
				select count(*) from notification n join benchmark_order b using (order_id)
				where ?::text is null or n.status = ?""", Integer.class, status, status);
	}

	/**
	 * Not schema-checked: the benchmark measures the consumer, not the producing side.
	 */
	private static OutgoingEvent placed(UUID orderId) {
		return TestOrders.order(orderId)
			.tenant("default")
			.customer("c-1", "bench@example.com")
			.line("BOOK-1", "Notes", 2, 1250)
			.line("PEN-2", "Pens", 1, 1250)
			.tax(750)
			.unchecked()
			.placed();
	}

}
