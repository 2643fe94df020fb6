package dev.orderpipeline.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.orderpipeline.monitor.kafka.DeadLetterTopic;
import dev.orderpipeline.monitor.kafka.PartitionLag;
import dev.orderpipeline.monitor.pipeline.GroupView;
import dev.orderpipeline.monitor.pipeline.PipelineSnapshot;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Lag in messages and seconds, group status and dead-letter depth, read from a real
 * broker where the test put known records at known offsets.
 */
class ConsumerLagTest extends MonitorIntegrationTest {

	@Test
	void lagIsLogEndMinusCommittedAndTheAgeOfTheRecordAtTheCommittedOffset() throws Exception {
		commit("lag-check", Map.of(source(0), 3L, source(1), 5L));

		GroupView group = await().atMost(Duration.ofSeconds(30))
			.until(() -> group("lag-check"), (g) -> g.isPresent() && g.get().lagMessages() == 7)
			.orElseThrow();
		Instant observedAt = this.refresher.latest().observedAt();

		PartitionLag behind = partition(group, SOURCE, 0);
		assertThat(behind.committedOffset()).isEqualTo(3);
		assertThat(behind.logEndOffset()).isEqualTo(PARTITION_0_RECORDS);
		assertThat(behind.lagMessages()).isEqualTo(7);
		// The record at offset 3 was stamped BASE + 3 s.
		double expectedAge = (observedAt.toEpochMilli() - BASE.plusSeconds(3).toEpochMilli()) / 1000.0;
		assertThat(behind.lagSeconds()).isCloseTo(expectedAge, within(0.001));
		assertThat(behind.lagSeconds()).isGreaterThan(590);

		PartitionLag caughtUp = partition(group, SOURCE, 1);
		assertThat(caughtUp.lagMessages()).isZero();
		assertThat(caughtUp.lagSeconds()).isZero();
		PartitionLag empty = partition(group, SOURCE, 2);
		assertThat(empty.committedOffset()).isNull();
		assertThat(empty.lagMessages()).isZero();

		assertThat(group.configured()).as("discovered through its offsets on the source topic").isFalse();
		assertThat(group.members()).isZero();
		assertThat(group.status()).isEqualTo("stopped");

		String prometheus = prometheusText();
		assertThat(sample(prometheus, "kafka_consumer_group_lag_messages", "group", "lag-check", "topic", SOURCE,
				"partition", "0"))
			.isEqualTo(7.0);
		assertThat(sample(prometheus, "kafka_consumer_group_lag_seconds", "group", "lag-check", "topic", SOURCE,
				"partition", "1"))
			.isEqualTo(0.0);
		assertThat(sample(prometheus, "kafka_consumer_group_members", "group", "lag-check")).isEqualTo(0.0);
		assertThat(sample(prometheus, "kafka_consumer_group_configured", "group", "lag-check")).isEqualTo(0.0);
		assertThat(sample(prometheus, "kafka_consumer_group_configured", "group", "down-check")).isEqualTo(1.0);
		assertThat(sample(prometheus, "kafka_consumer_group_status", "group", "lag-check", "status", "stopped"))
			.isEqualTo(1.0);
		assertThat(sample(prometheus, "kafka_consumer_group_status", "group", "lag-check", "status", "ok"))
			.isEqualTo(0.0);
	}

	@Test
	void aConfiguredGroupThatNeverConsumedShowsAsStoppedNotAsZeroLag() {
		GroupView group = await().atMost(Duration.ofSeconds(30))
			.until(() -> group("down-check"), java.util.Optional::isPresent)
			.orElseThrow();

		assertThat(group.configured()).isTrue();
		assertThat(group.members()).isZero();
		assertThat(group.status()).isEqualTo("stopped");
		// Nothing committed: it would have to read the source topic from the start.
		assertThat(group.lagMessages()).isEqualTo(PARTITION_0_RECORDS + PARTITION_1_RECORDS);
	}

	@Test
	void aGroupWithMembersWhoseOffsetStandsStillWithLagIsStalledAndOkOnceCaughtUp() {
		try (KafkaConsumer<String, String> member = consumer("stall-check")) {
			member.subscribe(List.of(SOURCE));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				member.poll(Duration.ofMillis(100));
				return !member.assignment().isEmpty();
			});
			commit(member, Map.of(source(0), 2L, source(1), 5L));

			GroupView stalled = await().atMost(Duration.ofSeconds(30))
				.until(() -> group("stall-check"), (g) -> g.isPresent() && g.get().status().equals("stalled"))
				.orElseThrow();
			assertThat(stalled.members()).isEqualTo(1);
			assertThat(stalled.lagMessages()).isEqualTo(8);
			assertThat(stalled.reason()).contains(SOURCE + "-0");

			commit(member, Map.of(source(0), (long) PARTITION_0_RECORDS, source(1), 5L));

			GroupView ok = await().atMost(Duration.ofSeconds(30))
				.until(() -> group("stall-check"), (g) -> g.isPresent() && g.get().status().equals("ok"))
				.orElseThrow();
			assertThat(ok.lagMessages()).isZero();
			assertThat(ok.maxLagSeconds()).isZero();
		}
	}

	@Test
	void aGroupWhoseLagKeepsGrowingWhileItCommitsIsLagging() throws Exception {
		String topic = "monitor-trend";
		createTopic(topic, 1);
		TopicPartition partition = new TopicPartition(topic, 0);
		try (KafkaConsumer<String, String> member = consumer("trend-check")) {
			member.subscribe(List.of(SOURCE));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				member.poll(Duration.ofMillis(100));
				return !member.assignment().isEmpty();
			});
			long[] committed = { 0 };
			long[] produced = { 0 };
			// Each step the producer writes three records and the group commits one more:
			// the offset moves (not stalled) but the lag grows.
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
				produce(topic, 0, 3);
				produced[0] += 3;
				committed[0] += 1;
				commit(member, Map.of(source(0), (long) PARTITION_0_RECORDS, source(1), 5L, partition, committed[0]));
				return group("trend-check").map(GroupView::status).orElse("").equals("lagging");
			});
			assertThat(group("trend-check").orElseThrow().reason()).contains("up from");
		}
	}

	@Test
	void deadLetterDepthAndOldestAgeComeFromTheGroupsDeadLetterTopic() throws Exception {
		String dlt = "dlt-check." + SOURCE + ".dlt";
		createTopic(dlt, 2);
		produce(dlt, 0, 3);
		produce(dlt, 1, 2);
		commit("dlt-check", Map.of(source(0), (long) PARTITION_0_RECORDS));

		GroupView group = await().atMost(Duration.ofSeconds(30))
			.until(() -> group("dlt-check"), (g) -> g.isPresent() && g.get().deadLetters().records() == 5)
			.orElseThrow();
		PipelineSnapshot snapshot = this.refresher.latest();

		DeadLetterTopic deadLetters = group.deadLetters();
		assertThat(deadLetters.topic()).isEqualTo(dlt);
		assertThat(deadLetters.logEndOffset()).isEqualTo(5);
		// The oldest record is the first of either partition, stamped BASE.
		assertThat(deadLetters.oldestAgeSeconds())
			.isCloseTo((snapshot.observedAt().toEpochMilli() - BASE.toEpochMilli()) / 1000.0, within(0.001));
		assertThat(sample(prometheusText(), "kafka_dead_letter_records", "group", "dlt-check", "topic", dlt))
			.isEqualTo(5.0);
	}

	private static PartitionLag partition(GroupView group, String topic, int partition) {
		return group.partitions()
			.stream()
			.filter((p) -> p.topic().equals(topic) && p.partition() == partition)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + topic + "-" + partition + " in " + group));
	}

	/**
	 * The value of the one series of {@code metric} that has all the given labels (and
	 * possibly more, such as {@code application}).
	 */
	static double sample(String exposition, String metric, String... labels) {
		List<String> lines = exposition.lines().filter((line) -> line.startsWith(metric + "{")).filter((line) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!Pattern.compile("[{,]" + labels[i] + "=\"" + Pattern.quote(labels[i + 1]) + "\"")
					.matcher(line)
					.find()) {
					return false;
				}
			}
			return true;
		}).toList();
		assertThat(lines).as("series of %s with %s", metric, List.of(labels)).hasSize(1);
		String line = lines.get(0);
		return Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0]);
	}

}
