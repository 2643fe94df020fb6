package dev.orderpipeline.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The runtime's meters. Prometheus names: {@code consumer_events_processed_total},
 * {@code consumer_events_duplicates_total}, {@code consumer_events_retried_total},
 * {@code consumer_events_dead_lettered_total}, {@code consumer_sequence_anomalies_total},
 * {@code consumer_partitions_revoked_total}, {@code consumer_processing_seconds},
 * {@code consumer_event_age_seconds}. Tags are bounded: group, event type (a registered
 * wire type, or {@code unknown}), outcome, exception class, never an order or event id.
 */
final class ConsumerMetrics {

	static final String UNKNOWN_TYPE = "unknown";

	private final MeterRegistry registry;

	private final String group;

	/** Meters by name and tag values, so the hot path does not rebuild ids per event. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	ConsumerMetrics(MeterRegistry registry, String group) {
		this.registry = registry;
		this.group = group;
	}

	/**
	 * The group's lag objective as a gauge, {@code consumer_lag_objective_seconds}: the
	 * alert rules read each group's objective from its own service instead of a list.
	 */
	void lagObjective(Duration objective) {
		double seconds = objective.toMillis() / 1000.0;
		Gauge.builder("consumer.lag.objective", () -> seconds)
			.description(
					"How old the oldest event this group has not consumed may get (pipeline.consumer.lag-objective)")
			.baseUnit("seconds")
			.tag("group", this.group)
			.register(this.registry);
	}

	/**
	 * An event committed with its inbox row, or held back.
	 * @param eventType the wire type
	 * @param outcome {@code applied} (handed to the handler), {@code ignored} (a type the
	 * handler does not handle) or {@code held} (held back until its predecessor is
	 * applied; not in the inbox yet)
	 */
	void processed(String eventType, String outcome) {
		counter("consumer.events.processed", "Events committed with their inbox row, or held back, by outcome",
				"event_type", eventType, "outcome", outcome)
			.increment();
	}

	void duplicate(String eventType) {
		counter("consumer.events.duplicates", "Redelivered events skipped because their id is already in the inbox",
				"event_type", eventType)
			.increment();
	}

	void retried(String eventType, String exception) {
		counter("consumer.events.retried", "Failed events forwarded to one of the group's retry topics", "event_type",
				eventType, "exception", exception)
			.increment();
	}

	void deadLettered(String eventType, String exception) {
		counter("consumer.events.dead_lettered", "Events forwarded to the group's dead-letter topic", "event_type",
				eventType, "exception", exception)
			.increment();
	}

	/**
	 * An event whose sequence was not the next one expected for its order.
	 * @param eventType the wire type
	 * @param check {@link SequenceCheck#GAP} or {@link SequenceCheck#STALE}
	 */
	void sequenceAnomaly(String eventType, SequenceCheck check) {
		counter("consumer.sequence.anomalies",
				"Events that arrived after a gap or after a later event of the same order", "event_type", eventType,
				"kind", check.name().toLowerCase(Locale.ROOT))
			.increment();
	}

	/**
	 * Partitions a container gave up in a rebalance.
	 * @param container {@code source}, {@code retry} or {@code dead_letter}
	 * @param partitions how many
	 */
	void revoked(String container, int partitions) {
		counter("consumer.partitions.revoked", "Partitions a runtime container gave up in a rebalance", "container",
				container)
			.increment(partitions);
	}

	/**
	 * Time spent on one transaction of the runtime.
	 * @param mode {@code batch}, {@code isolated} (a record of a failed batch, applied
	 * alone) or {@code retry}
	 * @param outcome {@code success} or {@code failure}
	 * @param duration the time
	 */
	void processing(String mode, String outcome, Duration duration) {
		timer("consumer.processing", "Time to deduplicate and apply a batch or a single record, including the commit",
				"mode", mode, "outcome", outcome)
			.record(duration);
	}

	/**
	 * How old an event was when applied: now minus {@code ce_time}.
	 * @param eventType the wire type
	 * @param occurredAt {@code ce_time}
	 */
	void age(String eventType, Instant occurredAt) {
		Duration age = Duration.between(occurredAt, Instant.now());
		timer("consumer.event.age", "Now minus ce_time when the event was applied", "event_type", eventType)
			.record(age.isNegative() ? Duration.ZERO : age);
	}

	private Counter counter(String name, String description, String... tags) {
		return this.counters.computeIfAbsent(key(name, tags),
				(key) -> Counter.builder(name)
					.description(description)
					.tag("group", this.group)
					.tags(tags)
					.register(this.registry));
	}

	private Timer timer(String name, String description, String... tags) {
		return this.timers.computeIfAbsent(key(name, tags),
				(key) -> Timer.builder(name)
					.description(description)
					.tag("group", this.group)
					.tags(tags)
					.publishPercentileHistogram()
					.register(this.registry));
	}

	private static String key(String name, String... tags) {
		return name + '|' + String.join("|", tags);
	}

}
