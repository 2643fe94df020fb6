package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay publishes each batch in one Kafka transaction. The runtime must read only
 * committed records, and its committed offsets must pass the transaction markers, or
 * every partition shows a lag of one for ever (which alerts, and keeps the benchmark from
 * ever seeing a drained consumer).
 */
class TransactionalSourceTests extends ConsumerRuntimeTestSupport {

	@Test
	void anAbortedTransactionsEventIsNeverAppliedAndACommittedOneIs() throws Exception {
		OutgoingEvent aborted = TestOrders.order(UUID.randomUUID()).version(1).placed();
		// On the aborted record's partition, so that its being applied shows the aborted
		// one was passed over, not merely not reached yet.
		OutgoingEvent committed = TestOrders.order(orderOnPartitionOf(aborted)).version(1).placed();
		try (KafkaProducer<String, byte[]> relay = transactionalProducer()) {
			relay.initTransactions();
			relay.beginTransaction();
			relay.send(aborted.toProducerRecord()).get();
			relay.abortTransaction();
			relay.beginTransaction();
			relay.send(committed.toProducerRecord()).get();
			relay.commitTransaction();
		}

		await().atMost(TIMEOUT).until(() -> effects(committed.eventId()) == 1);
		assertThat(effects(aborted.eventId())).isZero();
	}

	@Test
	void aGroupThatHasAppliedATransactionsEventsShowsNoLag() throws Exception {
		OutgoingEvent event = TestOrders.order(UUID.randomUUID()).version(1).placed();
		try (KafkaProducer<String, byte[]> relay = transactionalProducer()) {
			relay.initTransactions();
			relay.beginTransaction();
			relay.send(event.toProducerRecord()).get();
			relay.commitTransaction();
		}
		await().atMost(TIMEOUT).until(() -> effects(event.eventId()) == 1);

		try (Admin admin = Admin.create(adminConfig())) {
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(this.topics.group())
					.partitionsToOffsetAndMetadata()
					.get();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				offsets.keySet()
					.stream()
					.filter((tp) -> tp.topic().equals(this.topics.source()))
					.forEach((tp) -> latest.put(tp, OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get();
				assertThat(ends).isNotEmpty();
				ends.forEach((tp, end) -> assertThat(offsets.get(tp).offset()).as("committed offset of %s", tp)
					.isEqualTo(end.offset()));
			});
		}
	}

	private UUID orderOnPartitionOf(OutgoingEvent event) {
		int partitions = producer().partitionsFor(this.topics.source()).size();
		int wanted = partition(event.toProducerRecord().key(), partitions);
		while (true) {
			UUID candidate = UUID.randomUUID();
			if (partition(candidate.toString(), partitions) == wanted) {
				return candidate;
			}
		}
	}

	/** Kafka's default partitioner for a keyed record. */
	private static int partition(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	private KafkaProducer<String, byte[]> transactionalProducer() {
		Map<String, Object> config = new HashMap<>(this.producerFactory.getConfigurationProperties());
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-relay-" + UUID.randomUUID());
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
