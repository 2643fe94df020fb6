package dev.orderpipeline.consumer.purge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** What the broker says: end offsets of the group's topics, and the group's commits. */
final class GroupOffsets {

	private static final long TIMEOUT_SECONDS = 30;

	private final Admin admin;

	GroupOffsets(Admin admin) {
		this.admin = admin;
	}

	/** The end offset (high watermark) of every partition of these topics now. */
	Map<TopicPartition, Long> endOffsets(List<String> topics) {
		Map<String, TopicDescription> descriptions = get(this.admin.describeTopics(topics).allTopicNames());
		Map<TopicPartition, OffsetSpec> request = descriptions.values()
			.stream()
			.flatMap((topic) -> topic.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
			.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = get(this.admin.listOffsets(request).all());
		Map<TopicPartition, Long> offsets = new HashMap<>();
		ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	/** The group's committed offsets; a partition it never committed is absent. */
	Map<TopicPartition, Long> committed(String group) {
		Map<TopicPartition, OffsetAndMetadata> committed = get(
				this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
		Map<TopicPartition, Long> offsets = new HashMap<>();
		committed.forEach((partition, offset) -> {
			if (offset != null) {
				offsets.put(partition, offset.offset());
			}
		});
		return offsets;
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer the inbox purge", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
