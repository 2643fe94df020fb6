package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relay counts. Exception class names are the only tag: low cardinality, never
 * an order id.
 */
class OutboxMetrics {

	private final MeterRegistry registry;

	private final Counter published;

	private final Timer commitToPublish;

	OutboxMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.published = Counter.builder("outbox.published")
			.description("Outbox rows acknowledged by the broker")
			.register(registry);
		this.commitToPublish = Timer.builder("outbox.commit.to.publish")
			.description("From the outbox insert (close to the commit) to the broker's acknowledgement")
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30))
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	void published(Instant createdAt, Instant ackedAt) {
		this.published.increment();
		this.commitToPublish.record(Duration.between(createdAt, ackedAt));
	}

	void outOfOrder() {
		Counter.builder("outbox.out.of.order")
			.description("Events acknowledged before an earlier, failed event of the same order")
			.register(this.registry)
			.increment();
	}

	void failed(Throwable failure) {
		Counter.builder("outbox.publish.failures")
			.description("Outbox rows the broker did not acknowledge, by exception")
			.tag("exception", failure.getClass().getSimpleName())
			.register(this.registry)
			.increment();
	}

}
