package dev.orderpipeline.consumer;

import dev.orderpipeline.testing.events.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures how fast a backlog of 100,000 events drains through the example consumer
 * (target: at least 5,000 events/s). A benchmark, not part of the normal build (its name
 * does not match the test pattern); run it with
 * {@code ./mvnw -pl consumer-runtime test -Dtest=BacklogDrainBenchmark} and read the
 * {@code DRAIN} line in {@code target/surefire-reports/*-output.txt}.
 */
class BacklogDrainBenchmark extends ConsumerRuntimeTestSupport {

	private static final int EVENTS = 100_000;

	@Test
	void drainsABacklog() throws Exception {
		this.containers.stop();
		String runId = UUID.randomUUID().toString();
		List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
		List<Object[]> ids = new ArrayList<>(EVENTS);
		for (int i = 0; i < EVENTS; i++) {
			var event = TestOrders.order(UUID.randomUUID()).version(1).placed();
			ids.add(new Object[] { runId, event.eventId() });
			sends.add(producer().send(event.toProducerRecord()));
		}
		for (Future<RecordMetadata> send : sends) {
			send.get(60, TimeUnit.SECONDS);
		}
		this.jdbc.update("create table if not exists benchmark_run (run_id text, event_id uuid primary key)");
		this.jdbc.batchUpdate("insert into benchmark_run values (?, ?::uuid)", ids);

		long start = System.nanoTime();
		this.containers.start();
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> applied(runId) == EVENTS);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("DRAIN %d events in %.2f s = %.0f events/s%n", EVENTS, seconds, EVENTS / seconds);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from example_effect e join benchmark_run r using (event_id) where r.run_id = ?",
				Integer.class, runId))
			.isEqualTo(EVENTS);
	}

	private int applied(String runId) {
		return this.jdbc.queryForObject(
				"select count(distinct e.event_id) from example_effect e join benchmark_run r using (event_id) where r.run_id = ?",
				Integer.class, runId);
	}

}
