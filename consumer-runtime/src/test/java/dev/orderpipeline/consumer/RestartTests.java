package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer stopped in the middle of a backlog and started again neither loses nor
 * repeats an effect, even when Kafka hands it again everything it had already applied (as
 * after a crash before the offsets were committed).
 */
class RestartTests extends ConsumerRuntimeTestSupport {

	private static final int BACKLOG = 5000;

	@AfterEach
	void consumerRunsAgain() {
		if (!this.containers.isRunning()) {
			this.containers.start();
		}
	}

	@Test
	void stoppingMidBacklogAndRedeliveringEverythingLosesAndRepeatsNothing() throws Exception {
		String runId = UUID.randomUUID().toString();
		// A backlog builds up while the consumer is down.
		this.containers.stop();
		Map<TopicPartition, Long> startOffsets = endOffsets();
		List<String> eventIds = new ArrayList<>(BACKLOG);
		List<Future<RecordMetadata>> sends = new ArrayList<>(BACKLOG);
		for (int i = 0; i < BACKLOG; i++) {
			OutgoingEvent event = TestOrders.order(UUID.randomUUID()).version(1).placed();
			eventIds.add(event.eventId());
			sends.add(producer().send(event.toProducerRecord()));
		}
		for (Future<RecordMetadata> send : sends) {
			send.get(30, TimeUnit.SECONDS);
		}
		this.jdbc.update("create table if not exists restart_run (run_id text, event_id uuid)");
		this.jdbc.batchUpdate("insert into restart_run values (?, ?::uuid)",
				eventIds.stream().map((id) -> new Object[] { runId, id }).toList());

		this.containers.start();
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> applied(runId) > 0);
		this.containers.stop();
		int appliedAtStop = applied(runId);
		assertThat(appliedAtStop).as("stopped in the middle of the backlog").isBetween(1, BACKLOG - 1);
		assertThat(this.containers.source().isRunning()).isFalse();

		// Make Kafka deliver the whole backlog again, including what was applied.
		try (Admin admin = Admin.create(adminConfig())) {
			Map<TopicPartition, OffsetAndMetadata> rewind = startOffsets.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> new OffsetAndMetadata(entry.getValue())));
			await().atMost(TIMEOUT)
				.ignoreExceptions()
				.until(() -> admin.alterConsumerGroupOffsets(this.topics.group(), rewind)
					.all()
					.get(10, TimeUnit.SECONDS) == null);
		}
		double duplicatesBefore = count("consumer.events.duplicates", "event_type", "order.placed.v1");
		this.containers.start();

		await().atMost(TIMEOUT).until(() -> applied(runId) == BACKLOG);
		assertThat(this.jdbc.queryForObject("""
				select count(*) from example_effect e join restart_run r on r.event_id = e.event_id
				where r.run_id = ?""", Integer.class, runId)).isEqualTo(BACKLOG);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					count("consumer.events.duplicates", "event_type", "order.placed.v1") - duplicatesBefore)
				.isGreaterThanOrEqualTo(appliedAtStop));
	}

	/** Distinct events of this run that took effect. */
	private int applied(String runId) {
		return this.jdbc.queryForObject("""
				select count(distinct e.event_id) from example_effect e join restart_run r on r.event_id = e.event_id
				where r.run_id = ?""", Integer.class, runId);
	}

	private Map<TopicPartition, Long> endOffsets() throws Exception {
		try (Admin admin = Admin.create(adminConfig())) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(this.topics.source()))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(this.topics.source())
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(this.topics.source(), info.partition()))
				.toList();
			return admin
				.listOffsets(partitions.stream().collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest())))
				.all()
				.get(10, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

}
