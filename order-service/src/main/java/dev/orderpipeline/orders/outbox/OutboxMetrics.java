package dev.orderpipeline.orders.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relay counts. Exception class names and outcomes are the only tags: low
 * cardinality, never an order id.
 */
class OutboxMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	private final Counter published;

	private final Timer commitToPublish;

	OutboxMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.published = Counter.builder("outbox.published")
			.description("Outbox rows published in a committed Kafka transaction")
			.register(registry);
		this.commitToPublish = Timer.builder("outbox.commit.to.publish")
			.description("From the outbox insert (close to the commit) to the commit of its Kafka transaction")
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30))
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	/** The rows of a committed transaction: visible to readers from now on. */
	void published(List<OutboxRow> rows) {
		Instant now = this.clock.instant();
		this.published.increment(rows.size());
		for (OutboxRow row : rows) {
			this.commitToPublish.record(Duration.between(row.createdAt(), now));
		}
	}

	void transaction(PublishTransaction.Outcome outcome) {
		Counter.builder("outbox.transactions")
			.description("Kafka transactions of the relay, one per batch, by outcome")
			.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	/**
	 * A failed attempt: a row the broker will never accept, or a transaction that could
	 * not commit for another reason.
	 */
	void failed(Throwable failure) {
		Counter.builder("outbox.publish.failures")
			.description("Failed publications, by exception: each unpublishable row, each transaction that aborted")
			.tag("exception", failure.getClass().getSimpleName())
			.register(this.registry)
			.increment();
	}

}
