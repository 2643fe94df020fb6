package dev.orderpipeline.search.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of a topic between given offsets with its own consumer: manual
 * assignment, no group, nothing committed, so the live consumer group never notices.
 */
final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final String topic;

	private final Map<String, Object> adminSettings;

	private List<TopicPartition> partitions;

	private final RebuildProperties properties;

	TopicReader(Map<String, Object> kafkaSettings, String topic, String clientId, RebuildProperties properties) {
		this.properties = properties;
		Map<String, Object> settings = new HashMap<>(kafkaSettings);
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// The relay's transactions: a rebuild takes only what was committed.
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
		this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
		this.topic = topic;
		this.adminSettings = new HashMap<>(kafkaSettings);
		this.adminSettings.keySet().retainAll(AdminClientConfig.configNames());
		this.partitions = this.consumer.partitionsFor(topic, properties.stallTimeout())
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		if (this.partitions.isEmpty()) {
			throw new IllegalStateException("Topic " + topic + " has no partitions");
		}
		this.consumer.assign(this.partitions);
	}

	/**
	 * Asks the broker for the topic's partitions and assigns those added since this
	 * reader started. The consumer's own metadata would show a new partition only at its
	 * next refresh (minutes), so a partition added during a rebuild would never be read.
	 * @return the added partitions with their beginning offsets; empty if none
	 */
	Map<TopicPartition, Long> assignAddedPartitions() {
		TopicDescription description;
		try (Admin admin = Admin.create(this.adminSettings)) {
			description = admin.describeTopics(List.of(this.topic))
				.allTopicNames()
				.get(this.properties.stallTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.get(this.topic);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not list the partitions of " + this.topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while listing the partitions of " + this.topic, ex);
		}
		List<TopicPartition> added = description.partitions()
			.stream()
			.map((info) -> new TopicPartition(this.topic, info.partition()))
			.filter((partition) -> !this.partitions.contains(partition))
			.toList();
		if (added.isEmpty()) {
			return Map.of();
		}
		List<TopicPartition> all = new ArrayList<>(this.partitions);
		all.addAll(added);
		this.partitions = List.copyOf(all);
		this.consumer.assign(this.partitions);
		return this.consumer.beginningOffsets(added, this.properties.stallTimeout());
	}

	Map<TopicPartition, Long> beginningOffsets() {
		return this.consumer.beginningOffsets(this.partitions, this.properties.stallTimeout());
	}

	/**
	 * The high watermarks now: every record any consumer has read lies below them.
	 * @return the end offset of each partition
	 */
	Map<TopicPartition, Long> endOffsets() {
		return this.consumer.endOffsets(this.partitions, this.properties.stallTimeout());
	}

	/**
	 * Reads each partition from {@code from} (inclusive) to {@code to} (exclusive),
	 * handing each poll's records to the sink with the positions reached.
	 * @param from where to start, per partition
	 * @param to where to stop, per partition
	 * @param sink takes each batch
	 */
	void read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, BatchSink sink) {
		Set<TopicPartition> pending = new HashSet<>();
		for (TopicPartition partition : this.partitions) {
			this.consumer.seek(partition, from.get(partition));
			if (from.get(partition) < to.get(partition)) {
				pending.add(partition);
			}
		}
		this.consumer.resume(this.partitions);
		this.consumer.pause(this.partitions.stream().filter((p) -> !pending.contains(p)).toList());
		Instant lastProgress = Instant.now();
		while (!pending.isEmpty()) {
			List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
			for (ConsumerRecord<String, byte[]> record : this.consumer.poll(this.properties.pollTimeout())) {
				if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
					batch.add(record);
				}
			}
			Map<TopicPartition, Long> positions = new HashMap<>();
			for (TopicPartition partition : this.partitions) {
				positions.put(partition, pending.contains(partition)
						? Math.min(this.consumer.position(partition), to.get(partition)) : to.get(partition));
			}
			if (!batch.isEmpty()) {
				lastProgress = Instant.now();
			}
			sink.accept(batch, positions);
			for (TopicPartition partition : List.copyOf(pending)) {
				if (positions.get(partition) >= to.get(partition)) {
					pending.remove(partition);
					this.consumer.pause(List.of(partition));
				}
			}
			if (Duration.between(lastProgress, Instant.now()).compareTo(this.properties.stallTimeout()) > 0) {
				throw new IllegalStateException("No records for " + this.properties.stallTimeout() + " while " + pending
						+ " still had records to read");
			}
		}
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	@FunctionalInterface
	interface BatchSink {

		void accept(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> positions);

	}

}
