package dev.orderpipeline.monitor.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Admin API calls the monitor makes, each bounded by the monitor's Kafka timeout. A
 * group or topic the broker does not know is left out of an answer rather than failing
 * it: groups expire and topics are deleted while the monitor watches, and a page with one
 * group missing is better than no page.
 */
final class AdminQueries implements AutoCloseable {

	private final Admin admin;

	private final Duration timeout;

	AdminQueries(Admin admin, Duration timeout) {
		this.admin = admin;
		this.timeout = timeout;
	}

	/** Every consumer group the broker knows, for discovery. */
	List<String> consumerGroups() throws InterruptedException, ExecutionException, TimeoutException {
		return get(this.admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
			.map(GroupListing::groupId)
			.toList();
	}

	/** Each known group's committed offsets; unknown groups are missing. */
	Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets(Collection<String> groups)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
		if (groups.isEmpty()) {
			return committed;
		}
		Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
		groups.forEach((group) -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		ListConsumerGroupOffsetsResult result = this.admin.listConsumerGroupOffsets(specs);
		for (String group : groups) {
			try {
				committed.put(group, get(result.partitionsToOffsetAndMetadata(group)));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
					throw ex;
				}
			}
		}
		return committed;
	}

	/** Groups the broker does not know (never joined, or expired) are missing. */
	Map<String, ConsumerGroupDescription> describeGroups(List<String> groups)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, ConsumerGroupDescription> descriptions = new HashMap<>();
		if (groups.isEmpty()) {
			return descriptions;
		}
		for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> entry : this.admin.describeConsumerGroups(groups)
			.describedGroups()
			.entrySet()) {
			try {
				descriptions.put(entry.getKey(), get(entry.getValue()));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
					throw ex;
				}
			}
		}
		return descriptions;
	}

	/** Topics that do not exist are missing. */
	Map<String, TopicDescription> describeExistingTopics(Collection<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, TopicDescription> existing = new HashMap<>();
		for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : this.admin.describeTopics(topics)
			.topicNameValues()
			.entrySet()) {
			try {
				existing.put(entry.getKey(), get(entry.getValue()));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
		}
		return existing;
	}

	/** The log start or end offsets; partitions deleted meanwhile are missing. */
	Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((tp) -> request.put(tp, spec));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		var result = this.admin.listOffsets(request);
		for (TopicPartition tp : partitions) {
			try {
				offsets.put(tp, get(result.partitionResult(tp)).offset());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
		}
		return offsets;
	}

	static List<TopicPartition> partitionsOf(TopicDescription description) {
		if (description == null) {
			return List.of();
		}
		return description.partitions()
			.stream()
			.map((info) -> new TopicPartition(description.name(), info.partition()))
			.toList();
	}

	private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
