package dev.orderpipeline.consumer;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The runtime's meters. Prometheus names: {@code consumer_events_processed_total},
 * {@code consumer_events_duplicates_total}, {@code consumer_events_retried_total},
 * {@code consumer_events_dead_lettered_total}, {@code consumer_sequence_anomalies_total},
 * {@code consumer_processing_seconds}, {@code consumer_event_age_seconds}. Tags are
 * bounded: group, event type (a registered wire type, or {@code unknown}), outcome,
 * exception class, never an order or event id.
 */
final class ConsumerMetrics {

	static final String UNKNOWN_TYPE = "unknown";

	private final MeterRegistry registry;

	private final String group;

	ConsumerMetrics(MeterRegistry registry, String group) {
		this.registry = registry;
		this.group = group;
	}

	/**
	 * An event committed with its inbox row.
	 * @param eventType the wire type
	 * @param outcome {@code applied} (handed to the handler), {@code ignored} (a type the
	 * handler does not handle) or {@code stale_skipped}
	 */
	void processed(String eventType, String outcome) {
		Counter.builder("consumer.events.processed")
			.description("Events committed with their inbox row, by outcome")
			.tags("group", this.group, "event_type", eventType, "outcome", outcome)
			.register(this.registry)
			.increment();
	}

	void duplicate(String eventType) {
		Counter.builder("consumer.events.duplicates")
			.description("Redelivered events skipped because their id is already in the inbox")
			.tags("group", this.group, "event_type", eventType)
			.register(this.registry)
			.increment();
	}

	void retried(String eventType, String exception) {
		Counter.builder("consumer.events.retried")
			.description("Failed events forwarded to one of the group's retry topics")
			.tags("group", this.group, "event_type", eventType, "exception", exception)
			.register(this.registry)
			.increment();
	}

	void deadLettered(String eventType, String exception) {
		Counter.builder("consumer.events.dead_lettered")
			.description("Events forwarded to the group's dead-letter topic")
			.tags("group", this.group, "event_type", eventType, "exception", exception)
			.register(this.registry)
			.increment();
	}

	/**
	 * An event whose sequence was not the next one expected for its order.
	 * @param eventType the wire type
	 * @param check {@link SequenceCheck#GAP} or {@link SequenceCheck#STALE}
	 */
	void sequenceAnomaly(String eventType, SequenceCheck check) {
		Counter.builder("consumer.sequence.anomalies")
			.description("Events that arrived after a gap or after a later event of the same order")
			.tags("group", this.group, "event_type", eventType, "kind", check.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	/**
	 * Time spent on one transaction of the runtime.
	 * @param mode {@code batch}, {@code isolated} (a record of a failed batch, applied
	 * alone) or {@code retry}
	 * @param outcome {@code success} or {@code failure}
	 * @param duration the time
	 */
	void processing(String mode, String outcome, Duration duration) {
		Timer.builder("consumer.processing")
			.description("Time to decode, deduplicate and apply a batch or a single record, including the commit")
			.tags("group", this.group, "mode", mode, "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(duration);
	}

	/**
	 * How old an event was when applied: now minus {@code ce_time}.
	 * @param eventType the wire type
	 * @param occurredAt {@code ce_time}
	 */
	void age(String eventType, Instant occurredAt) {
		Duration age = Duration.between(occurredAt, Instant.now());
		Timer.builder("consumer.event.age")
			.description("Now minus ce_time when the event was applied")
			.tags("group", this.group, "event_type", eventType)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(age.isNegative() ? Duration.ZERO : age);
	}

}
