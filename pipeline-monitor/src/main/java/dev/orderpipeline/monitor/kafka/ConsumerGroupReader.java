package dev.orderpipeline.monitor.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.orderpipeline.monitor.MonitorProperties;
import dev.orderpipeline.monitor.kafka.RecordTimestamps.Found;
import dev.orderpipeline.monitor.kafka.RecordTimestamps.Position;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * Reads committed offsets, log offsets and group descriptions with the Admin API, and the
 * records at committed offsets with {@link RecordTimestamps}: the same numbers Kafka's
 * consumer-groups tool prints, plus the age of the oldest unconsumed record. Called from
 * one thread only (the refresher's).
 */
public class ConsumerGroupReader implements AutoCloseable {

	private final MonitorProperties properties;

	private final Clock clock;

	private final Admin admin;

	private final RecordTimestamps timestamps;

	public ConsumerGroupReader(MonitorProperties properties, Map<String, Object> adminConfig,
			Map<String, Object> consumerConfig, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		Map<String, Object> config = new HashMap<>(adminConfig);
		int timeoutMs = (int) properties.kafkaTimeout().toMillis();
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pipeline-monitor");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
		this.admin = Admin.create(config);
		this.timestamps = new RecordTimestamps(consumerConfig);
	}

	/**
	 * Reads every watched group.
	 * @return the observation
	 * @throws KafkaUnavailableException if the broker does not answer in time
	 */
	public KafkaObservation read() {
		try {
			return readOrThrow();
		}
		catch (TimeoutException ex) {
			throw new KafkaUnavailableException(
					"no answer from Kafka within " + this.properties.kafkaTimeout().toMillis() + " ms", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new KafkaUnavailableException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("interrupted", ex);
		}
	}

	private KafkaObservation readOrThrow() throws ExecutionException, TimeoutException, InterruptedException {
		Set<String> configured = this.properties.groups().keySet();
		Set<String> candidates = new LinkedHashSet<>(configured);
		if (this.properties.discoverGroups()) {
			for (GroupListing listing : get(this.admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
				candidates.add(listing.groupId());
			}
		}
		Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
		candidates.forEach((group) -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
		if (!specs.isEmpty()) {
			ListConsumerGroupOffsetsResult result = this.admin.listConsumerGroupOffsets(specs);
			for (String group : candidates) {
				try {
					committed.put(group, get(result.partitionsToOffsetAndMetadata(group)));
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
						throw ex;
					}
				}
			}
		}

		List<String> watched = new ArrayList<>(configured);
		candidates.stream()
			.filter((group) -> !configured.contains(group))
			.filter((group) -> committed.getOrDefault(group, Map.of())
				.keySet()
				.stream()
				.anyMatch((tp) -> tp.topic().equals(this.properties.sourceTopic())))
			.sorted()
			.forEach(watched::add);
		Map<String, ConsumerGroupDescription> descriptions = describe(watched);

		Set<String> topics = new HashSet<>();
		topics.add(this.properties.sourceTopic());
		watched.forEach((group) -> topics.add(this.properties.deadLetterTopicOf(group)));
		Map<String, TopicDescription> existing = describeExisting(topics);

		Map<String, Set<TopicPartition>> partitionsOf = new HashMap<>();
		Set<TopicPartition> all = new HashSet<>();
		for (String group : watched) {
			Set<TopicPartition> partitions = new HashSet<>();
			committed.getOrDefault(group, Map.of()).forEach((tp, offset) -> {
				if (offset != null) {
					partitions.add(tp);
				}
			});
			partitions.addAll(partitionsOf(existing.get(this.properties.sourceTopic())));
			partitionsOf.put(group, partitions);
			all.addAll(partitions);
			all.addAll(partitionsOf(existing.get(this.properties.deadLetterTopicOf(group))));
		}
		Map<TopicPartition, Long> starts = offsets(all, OffsetSpec.earliest());
		Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
		Instant at = this.clock.instant();

		Map<String, Map<TopicPartition, Long>> from = new HashMap<>();
		Set<Position> toRead = new HashSet<>();
		for (String group : watched) {
			Map<TopicPartition, Long> positions = new HashMap<>();
			for (TopicPartition tp : partitionsOf.get(group)) {
				if (!ends.containsKey(tp)) {
					continue; // deleted since it was committed
				}
				long start = starts.get(tp);
				OffsetAndMetadata offset = committed.getOrDefault(group, Map.of()).get(tp);
				long position = Math.max(start, (offset != null) ? offset.offset() : start);
				positions.put(tp, position);
				if (position < ends.get(tp)) {
					toRead.add(new Position(tp, position));
				}
			}
			from.put(group, positions);
			for (TopicPartition tp : partitionsOf(existing.get(this.properties.deadLetterTopicOf(group)))) {
				if (ends.containsKey(tp) && starts.get(tp) < ends.get(tp)) {
					toRead.add(new Position(tp, starts.get(tp)));
				}
			}
		}
		Map<Position, Found> found = this.timestamps.read(toRead, ends, this.properties.kafkaTimeout());

		List<GroupObservation> groups = new ArrayList<>();
		for (String group : watched) {
			List<PartitionLag> lags = new ArrayList<>();
			Map<TopicPartition, OffsetAndMetadata> groupOffsets = committed.getOrDefault(group, Map.of());
			from.get(group).forEach((tp, position) -> {
				OffsetAndMetadata offset = groupOffsets.get(tp);
				long end = ends.get(tp);
				long lag = Math.max(0, end - ((offset != null) ? offset.offset() : starts.get(tp)));
				Double seconds = (position >= end) ? Double.valueOf(0)
						: ageAt(at, found.get(new Position(tp, position)));
				lags.add(new PartitionLag(tp.topic(), tp.partition(), (offset != null) ? offset.offset() : null,
						starts.get(tp), end, lag, seconds));
			});
			lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
			ConsumerGroupDescription description = descriptions.get(group);
			String state = (description != null) ? description.groupState().name().toLowerCase(Locale.ROOT) : "dead";
			int members = (description != null) ? description.members().size() : 0;
			groups.add(new GroupObservation(group, configured.contains(group), state, members, List.copyOf(lags),
					deadLetters(this.properties.deadLetterTopicOf(group), existing, starts, ends, found, at)));
		}
		return new KafkaObservation(at, List.copyOf(groups));
	}

	private DeadLetterTopic deadLetters(String topic, Map<String, TopicDescription> existing,
			Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, Map<Position, Found> found, Instant at) {
		TopicDescription description = existing.get(topic);
		if (description == null) {
			return DeadLetterTopic.missing(topic);
		}
		long records = 0;
		long logEnd = 0;
		Long oldest = null;
		for (TopicPartition tp : partitionsOf(description)) {
			if (!ends.containsKey(tp)) {
				continue;
			}
			records += ends.get(tp) - starts.get(tp);
			logEnd += ends.get(tp);
			Found first = found.get(new Position(tp, starts.get(tp)));
			if (first != null && first.timestamp() != null) {
				oldest = (oldest == null) ? first.timestamp() : Math.min(oldest, first.timestamp());
			}
		}
		Double age = (oldest != null) ? ageAt(at, new Found(oldest)) : null;
		return new DeadLetterTopic(topic, true, records, logEnd, age);
	}

	/**
	 * Age of a record when the offsets were read, 0 for nothing to read or a timestamp in
	 * the future, {@code null} if the record could not be read in time.
	 */
	private static Double ageAt(Instant at, Found found) {
		if (found == null) {
			return null;
		}
		if (found.timestamp() == null) {
			return 0.0;
		}
		return Math.max(0, at.toEpochMilli() - found.timestamp()) / 1000.0;
	}

	/** Groups the broker does not know (never joined, or expired) are missing. */
	private Map<String, ConsumerGroupDescription> describe(List<String> groups)
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

	private Map<String, TopicDescription> describeExisting(Collection<String> topics)
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

	private static List<TopicPartition> partitionsOf(TopicDescription description) {
		if (description == null) {
			return List.of();
		}
		return description.partitions()
			.stream()
			.map((info) -> new TopicPartition(description.name(), info.partition()))
			.toList();
	}

	private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
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

	private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(this.properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.timestamps.close();
		this.admin.close(Duration.ofSeconds(2));
	}

}
