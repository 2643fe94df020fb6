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
		if (groups.isEmpty()) {
			return new HashMap<>();
		}
		Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
		groups.forEach((group) -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		ListConsumerGroupOffsetsResult result = this.admin.listConsumerGroupOffsets(specs);
		Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> perGroup = new HashMap<>();
		groups.forEach((group) -> perGroup.put(group, result.partitionsToOffsetAndMetadata(group)));
		return present(perGroup, GroupIdNotFoundException.class);
	}

	/** Groups the broker does not know (never joined, or expired) are missing. */
	Map<String, ConsumerGroupDescription> describeGroups(List<String> groups)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (groups.isEmpty()) {
			return new HashMap<>();
		}
		return present(this.admin.describeConsumerGroups(groups).describedGroups(), GroupIdNotFoundException.class);
	}

	/** Topics that do not exist are missing. */
	Map<String, TopicDescription> describeExistingTopics(Collection<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		return present(this.admin.describeTopics(topics).topicNameValues(), UnknownTopicOrPartitionException.class);
	}

	/** The log start or end offsets; partitions deleted meanwhile are missing. */
	Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((tp) -> request.put(tp, spec));
		var result = this.admin.listOffsets(request);
		Map<TopicPartition, KafkaFuture<Long>> perPartition = new HashMap<>();
		partitions.forEach((tp) -> perPartition.put(tp, result.partitionResult(tp).thenApply((info) -> info.offset())));
		return present(perPartition, UnknownTopicOrPartitionException.class);
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

	/**
	 * Each future's value by its key, waited for in turn; a key whose future failed with
	 * {@code missing} (the group or topic is gone) is left out, any other failure fails
	 * the whole answer.
	 */
	private <K, V> Map<K, V> present(Map<K, KafkaFuture<V>> futures, Class<? extends Throwable> missing)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<K, V> values = new HashMap<>();
		for (Map.Entry<K, KafkaFuture<V>> entry : futures.entrySet()) {
			try {
				values.put(entry.getKey(), get(entry.getValue()));
			}
			catch (ExecutionException ex) {
				if (!missing.isInstance(ex.getCause())) {
					throw ex;
				}
			}
		}
		return values;
	}

	private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
