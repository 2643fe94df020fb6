package dev.orderpipeline.monitor.kafka;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.orderpipeline.monitor.MonitorProperties;
import dev.orderpipeline.monitor.kafka.RecordTimestamps.Found;
import dev.orderpipeline.monitor.kafka.RecordTimestamps.Position;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads committed offsets, log offsets and group descriptions with the Admin API
 * ({@link AdminQueries}), and the records at committed offsets with
 * {@link RecordTimestamps}: the same numbers Kafka's consumer-groups tool prints, plus
 * the age of the oldest unconsumed record ({@link LagCalculation}). Called from one
 * thread only (the refresher's).
 */
public class ConsumerGroupReader implements AutoCloseable {

	private final MonitorProperties properties;

	private final Clock clock;

	private final AdminQueries queries;

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
		this.queries = new AdminQueries(Admin.create(config), properties.kafkaTimeout());
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
			candidates.addAll(this.queries.consumerGroups());
		}
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = this.queries.committedOffsets(candidates);
		List<String> watched = watched(configured, candidates, committed);
		Map<String, ConsumerGroupDescription> descriptions = this.queries.describeGroups(watched);

		Set<String> topics = new HashSet<>();
		topics.add(this.properties.sourceTopic());
		watched.forEach((group) -> topics.add(this.properties.deadLetterTopicOf(group)));
		Map<String, TopicDescription> existing = this.queries.describeExistingTopics(topics);

		Map<String, Set<TopicPartition>> partitionsOf = new HashMap<>();
		Set<TopicPartition> all = new HashSet<>();
		for (String group : watched) {
			Set<TopicPartition> partitions = new HashSet<>();
			committed.getOrDefault(group, Map.of()).forEach((tp, offset) -> {
				if (offset != null) {
					partitions.add(tp);
				}
			});
			partitions.addAll(AdminQueries.partitionsOf(existing.get(this.properties.sourceTopic())));
			partitionsOf.put(group, partitions);
			all.addAll(partitions);
			all.addAll(AdminQueries.partitionsOf(existing.get(this.properties.deadLetterTopicOf(group))));
		}
		Map<TopicPartition, Long> starts = this.queries.offsets(all, OffsetSpec.earliest());
		Map<TopicPartition, Long> ends = this.queries.offsets(all, OffsetSpec.latest());
		Instant at = this.clock.instant();

		// Where each group reads from, and the records whose timestamps give the ages:
		// the first unconsumed one of each partition, the oldest of each dead letter.
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
			for (TopicPartition tp : AdminQueries
				.partitionsOf(existing.get(this.properties.deadLetterTopicOf(group)))) {
				if (ends.containsKey(tp) && starts.get(tp) < ends.get(tp)) {
					toRead.add(new Position(tp, starts.get(tp)));
				}
			}
		}
		Map<Position, Found> found = this.timestamps.read(toRead, ends, this.properties.kafkaTimeout());

		LagCalculation lag = new LagCalculation(starts, ends, found, at);
		List<GroupObservation> groups = new ArrayList<>();
		for (String group : watched) {
			String deadLetterTopic = this.properties.deadLetterTopicOf(group);
			ConsumerGroupDescription description = descriptions.get(group);
			groups.add(new GroupObservation(group, configured.contains(group), state(description), members(description),
					lag.lags(from.get(group), committed.getOrDefault(group, Map.of())),
					lag.deadLetters(deadLetterTopic, existing.get(deadLetterTopic))));
		}
		return new KafkaObservation(at, List.copyOf(groups));
	}

	/**
	 * The configured groups, then (sorted) the discovered ones that have committed
	 * offsets on the source topic: a discovered group reading something else is not part
	 * of the pipeline.
	 */
	private List<String> watched(Set<String> configured, Set<String> candidates,
			Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
		List<String> watched = new ArrayList<>(configured);
		candidates.stream()
			.filter((group) -> !configured.contains(group))
			.filter((group) -> committed.getOrDefault(group, Map.of())
				.keySet()
				.stream()
				.anyMatch((tp) -> tp.topic().equals(this.properties.sourceTopic())))
			.sorted()
			.forEach(watched::add);
		return watched;
	}

	/**
	 * A group the broker does not know is {@code dead}, as the consumer-groups tool says.
	 */
	private static String state(ConsumerGroupDescription description) {
		return (description != null) ? description.groupState().name().toLowerCase(Locale.ROOT) : "dead";
	}

	private static int members(ConsumerGroupDescription description) {
		return (description != null) ? description.members().size() : 0;
	}

	@Override
	public void close() {
		this.timestamps.close();
		this.queries.close();
	}

}
