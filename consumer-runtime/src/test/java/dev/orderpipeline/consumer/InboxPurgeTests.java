package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.consumer.purge.InboxPurge;
import dev.orderpipeline.consumer.purge.InboxPurgeSettings;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 item 9: the inbox is purged only below what the group has committed on every
 * partition it reads, and only below a mark older than the retention; never by age alone.
 * The purge here decides by the commits of a group of its own, which the test sets with
 * the admin client, over the example consumer's inbox and topics.
 */
class InboxPurgeTests extends ConsumerRuntimeTestSupport {

	private final String group = "inbox-purge-test-" + UUID.randomUUID();

	@Test
	void rowsOfAnyAgeStayUntilTheGroupHasCommittedPastThemOnEveryPartition() throws Exception {
		OutgoingEvent event = TestOrders.order(UUID.randomUUID()).version(1).placed();
		send(event);
		await().atMost(TIMEOUT).until(() -> inbox(event.eventId()) == 1);
		String monthOld = insertInboxRow("30 days");
		InboxPurge purge = purge(Duration.ZERO);

		assertThat(purge.purgeOnce()).as("the group never committed").isZero();
		Map<TopicPartition, Long> ends = endOffsets();
		Map<TopicPartition, Long> oneBehind = new HashMap<>(ends);
		TopicPartition lagging = ends.entrySet()
			.stream()
			.filter((end) -> end.getValue() > 0)
			.findFirst()
			.get()
			.getKey();
		oneBehind.put(lagging, ends.get(lagging) - 1);
		commit(oneBehind);
		assertThat(purge.purgeOnce()).as("one partition is one record behind").isZero();
		assertThat(inbox(monthOld)).isOne();

		commit(endOffsets());
		double purgedBefore = count("consumer.inbox.purged", "group", this.group);
		assertThat(purge.purgeOnce()).isGreaterThanOrEqualTo(2);

		assertThat(inbox(monthOld)).isZero();
		assertThat(inbox(event.eventId())).isZero();
		// The horizon reconciliation reads: one mark, the one purged to, remembers it.
		assertThat(this.jdbc.queryForObject("select count(*) from inbox_purge_mark where purged_at is not null",
				Integer.class))
			.isOne();
		assertThat(count("consumer.inbox.purged", "group", this.group) - purgedBefore).isGreaterThanOrEqualTo(2);
	}

	@Test
	void nothingIsPurgedBelowAMarkYoungerThanTheRetention() throws Exception {
		String monthOld = insertInboxRow("30 days");
		commit(endOffsets());
		InboxPurge purge = purge(Duration.ofHours(1));

		purge.purgeOnce();
		purge.purgeOnce();

		assertThat(inbox(monthOld)).isOne();
	}

	private InboxPurge purge(Duration retention) {
		return new InboxPurge(this.jdbc, adminConfig(), this.group, topics(),
				new InboxPurgeSettings(false, retention, Duration.ofMinutes(10), 1), this.meters);
	}

	private List<String> topics() {
		List<String> topics = new ArrayList<>(List.of(this.topics.source()));
		topics.addAll(this.topics.retries());
		return topics;
	}

	private Map<TopicPartition, Long> endOffsets() throws Exception {
		try (Admin admin = Admin.create(adminConfig())) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (TopicDescription topic : admin.describeTopics(topics())
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.values()) {
				topic.partitions()
					.forEach((p) -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
			}
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
			return ends;
		}
	}

	private void commit(Map<TopicPartition, Long> offsets) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
		try (Admin admin = Admin.create(adminConfig())) {
			admin.alterConsumerGroupOffsets(this.group, commits).all().get(30, TimeUnit.SECONDS);
		}
	}

	private String insertInboxRow(String age) {
		String eventId = UUID.randomUUID().toString();
		this.jdbc.update("""
				insert into processed_event (event_id, event_type, order_id, processed_at)
				values (?::uuid, 'order.placed.v1', ?, now() - ?::interval)""", eventId, UUID.randomUUID().toString(),
				age);
		return eventId;
	}

	private int inbox(String eventId) {
		return this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid", Integer.class,
				eventId);
	}

}
