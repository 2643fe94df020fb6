package dev.orderpipeline.search.freshness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks how far the projection has caught up. Every check reads the time T, then the end
 * offsets of {@code order-events}, then the group's committed offsets; when the commits
 * have reached the end on every partition, every event published before T has been
 * applied, and T becomes {@link Freshness#appliedThrough()}. A lagging consumer leaves it
 * where it was, so the lag reported grows until the consumer catches up. One admin call
 * per check, whatever the search traffic.
 */
public class ProjectionFreshness implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProjectionFreshness.class);

	private static final long TIMEOUT_SECONDS = 10;

	private final Admin admin;

	private final String group;

	private final String topic;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "projection-freshness");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Instant appliedThrough;

	/**
	 * @param adminSettings Kafka admin client settings
	 * @param group the projection's consumer group
	 * @param topic the source topic
	 * @param interval how often to check
	 */
	public ProjectionFreshness(Map<String, Object> adminSettings, String group, String topic, Duration interval) {
		this.admin = Admin.create(adminSettings);
		this.group = group;
		this.topic = topic;
		this.clock = Clock.systemUTC();
		this.scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The freshness now. */
	public Freshness current() {
		return Freshness.at(this.appliedThrough, this.clock.instant());
	}

	/** One check; the schedule runs it, a test may too. */
	void check() throws ExecutionException, InterruptedException, TimeoutException {
		Instant checkedAt = this.clock.instant();
		List<TopicPartition> partitions = this.admin.describeTopics(List.of(this.topic))
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.get(this.topic)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(this.topic, info.partition()))
			.toList();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		this.admin.listOffsets(latest)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.group)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		boolean caughtUp = ends.entrySet().stream().allMatch((end) -> {
			OffsetAndMetadata offset = committed.get(end.getKey());
			return end.getValue() == 0 || (offset != null && offset.offset() >= end.getValue());
		});
		if (caughtUp) {
			this.appliedThrough = checkedAt;
		}
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			// Kafka unreachable: the freshness stays where it was and its lag grows.
			logger.debug("Projection freshness check failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.admin.close(Duration.ofSeconds(5));
	}

}
