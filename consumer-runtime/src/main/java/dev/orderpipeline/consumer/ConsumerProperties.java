package dev.orderpipeline.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the consumer runtime, prefix {@code pipeline.consumer}.
 *
 * @param groupId the consumer group; also names the group's retry and dead-letter topics.
 * Defaults to {@code spring.application.name}
 * @param topic the source topic
 * @param source what the source topic must look like; it is checked at start, never
 * declared: only its owner, order-service, declares it
 * @param groupTopics how the group's own retry and dead-letter topics are declared
 * @param concurrency consumer threads on the source topic; one per partition (the default
 * matches the default partition count) lets decoding and database work of different
 * partitions overlap
 * @param maxPollRecords the largest batch handed to the handler
 * @param validateSchemas validate every payload against its JSON Schema before handling,
 * so a payload that breaks its schema is dead-lettered with the violations
 * @param retry the retry topics and their back-off
 * @param hold how long and how many events of one order the ordering gate holds back
 * @param lagObjective how old the oldest event this group has not consumed yet may get;
 * exported as {@code consumer_lag_objective_seconds{group}}, which the lag alert compares
 * with the group's time lag (deploy/prometheus/alerts.yml), so no alert rule names a
 * service
 */
@ConfigurationProperties("pipeline.consumer")
record ConsumerProperties(String groupId, @DefaultValue("order-events") String topic, @DefaultValue Source source,
		@DefaultValue GroupTopics groupTopics, @DefaultValue("3") int concurrency,
		@DefaultValue("500") int maxPollRecords, @DefaultValue("true") boolean validateSchemas,
		@DefaultValue Retry retry, @DefaultValue Hold hold, @DefaultValue("120s") Duration lagObjective) {

	/**
	 * The source topic as its owner declares it. A consumer that starts against a topic
	 * another service created with other defaults (fewer partitions, replication 1, no
	 * {@code min.insync.replicas}) would silently miss partitions added later or lose
	 * durability, so it refuses to start instead.
	 *
	 * @param partitions the partition count it must have
	 * @param replicationFactor the replication factor it must have
	 * @param minInsyncReplicas the {@code min.insync.replicas} it must have
	 * @param awaitTimeout how long to wait at start for the topic to appear (its owner
	 * may start at the same time)
	 */
	record Source(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor,
			@DefaultValue("1") int minInsyncReplicas, @DefaultValue("2m") Duration awaitTimeout) {

	}

	/**
	 * The group's retry and dead-letter topics, which the runtime declares (created only
	 * if missing). Production: replication factor 3, {@code min.insync.replicas} 2, so a
	 * forwarded record survives the loss of a broker (the runtime's producer uses
	 * {@code acks=all}).
	 *
	 * @param partitions their partition count
	 * @param replicationFactor their replication factor
	 * @param minInsyncReplicas their {@code min.insync.replicas}
	 */
	record GroupTopics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
			@DefaultValue("1") int minInsyncReplicas) {

	}

	/**
	 * Bounds of the ordering gate. An event that arrives before its predecessor is held
	 * back until the predecessor is applied; beyond these bounds it is dead-lettered with
	 * the reason, never dropped. The defaults outlast the retry path's back-off, so a
	 * predecessor on its way through the retry topics is waited for.
	 *
	 * @param maxAge how long an event may be held
	 * @param maxEvents how many events of one order may be held at once
	 * @param checkInterval how often expired held events are looked for
	 */
	record Hold(@DefaultValue("15m") Duration maxAge, @DefaultValue("100") int maxEvents,
			@DefaultValue("5s") Duration checkInterval) {

		Hold {
			if (maxEvents < 1) {
				throw new IllegalArgumentException("pipeline.consumer.hold.max-events must be at least 1");
			}
		}

	}

	/**
	 * Non-blocking retries: a failed event is forwarded to retry topic 0, delivered again
	 * after {@code initialInterval}, then to retry topic 1 after
	 * {@code initialInterval * multiplier}, and so on, capped at {@code maxInterval};
	 * after {@code attempts} retries it goes to the dead-letter topic.
	 *
	 * @param attempts number of retry topics (deliveries after the first), at least 1
	 * @param initialInterval delay before the first retry
	 * @param multiplier growth of the delay per retry
	 * @param maxInterval cap on the delay
	 * @param jitter fraction of each delay randomly added or removed (0 to 1), so
	 * failures caused together are not retried together
	 */
	record Retry(@DefaultValue("3") int attempts, @DefaultValue("1s") Duration initialInterval,
			@DefaultValue("2.0") double multiplier, @DefaultValue("1m") Duration maxInterval,
			@DefaultValue("0.2") double jitter) {

		Retry {
			if (attempts < 1) {
				// Retry topic 0 is also where replayed dead letters go.
				throw new IllegalArgumentException("pipeline.consumer.retry.attempts must be at least 1");
			}
			if (jitter < 0 || jitter > 1) {
				throw new IllegalArgumentException("pipeline.consumer.retry.jitter must be between 0 and 1");
			}
			if (multiplier < 1) {
				throw new IllegalArgumentException("pipeline.consumer.retry.multiplier must be at least 1");
			}
		}

	}

}
