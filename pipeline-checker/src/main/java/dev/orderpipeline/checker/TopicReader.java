package dev.orderpipeline.checker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from a point in time to their current end, without a consumer group (it
 * assigns partitions and commits nothing), with {@code isolation.level=read_committed}
 * like every reader of {@code order-events}: records of aborted relay transactions are
 * not events.
 */
final class TopicReader implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaConsumer<String, byte[]> consumer;

	TopicReader(Map<String, Object> kafkaProperties) {
		Map<String, Object> config = new HashMap<>(kafkaProperties);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-checker-" + UUID.randomUUID());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	/** The topics whose names start with a prefix, sorted. */
	List<String> topicsStartingWith(String prefix) {
		return this.consumer.listTopics(TIMEOUT)
			.keySet()
			.stream()
			.filter((name) -> name.startsWith(prefix))
			.sorted()
			.toList();
	}

	/** The topic's partitions, or none if the topic does not exist. */
	List<TopicPartition> partitions(String topic) {
		List<PartitionInfo> infos = this.consumer.partitionsFor(topic, TIMEOUT);
		List<TopicPartition> partitions = new ArrayList<>();
		if (infos != null) {
			infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		return partitions;
	}

	/**
	 * Every committed record of the topic from {@code from} up to the end it has when the
	 * read starts.
	 */
	List<PublishedRecord> read(String topic, Instant from) {
		List<TopicPartition> partitions = partitions(topic);
		List<PublishedRecord> records = new ArrayList<>();
		if (partitions.isEmpty()) {
			return records;
		}
		Map<TopicPartition, Long> end = this.consumer.endOffsets(partitions, TIMEOUT);
		this.consumer.assign(partitions);
		seek(partitions, from, end);
		Map<TopicPartition, Long> remaining = new HashMap<>(end);
		remaining.entrySet().removeIf((entry) -> this.consumer.position(entry.getKey(), TIMEOUT) >= entry.getValue());
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		while (!remaining.isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Reading " + topic + " did not reach its end offsets " + end);
			}
			for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(500))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() < end.get(partition)) {
					records.add(PublishedRecord.of(record));
				}
			}
			// A position past the end (transaction markers count as offsets) means done.
			remaining.entrySet()
				.removeIf((entry) -> this.consumer.position(entry.getKey(), TIMEOUT) >= entry.getValue());
			this.consumer.pause(partitions.stream().filter((p) -> !remaining.containsKey(p)).toList());
		}
		this.consumer.unsubscribe();
		return records;
	}

	private void seek(List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end) {
		if (from.equals(Instant.EPOCH)) {
			this.consumer.seekToBeginning(partitions);
			return;
		}
		Map<TopicPartition, Long> times = new HashMap<>();
		partitions.forEach((partition) -> times.put(partition, from.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> offsets = this.consumer.offsetsForTimes(times, TIMEOUT);
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp found = offsets.get(partition);
			this.consumer.seek(partition, (found != null) ? found.offset() : end.get(partition));
		}
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
