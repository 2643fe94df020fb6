package dev.orderpipeline.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transient failures are retried on the group's retry topics with back-off, without
 * holding up the partition, and dead-lettered once the retries are used up. The test
 * configuration has two retry topics with a 300 ms initial back-off.
 */
class RetryTests extends ConsumerRuntimeTestSupport {

	@Test
	void aTransientFailureIsRetriedOnTheRetryTopicsAndAppliedOnceWhileLaterEventsFlow() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent flaky = TestOrders.order(orderId).version(1).placed();
		// Fails on order-events and on retry-0, succeeds on retry-1.
		this.faults.failTransiently(flaky.eventId(), 2);
		double retriedBefore = count("consumer.events.retried", "exception", "InjectedTransientFailure");

		send(flaky);
		OutgoingEvent behind = TestOrders.order(UUID.randomUUID()).version(1).placed();
		send(behind);

		await().atMost(TIMEOUT).until(() -> effects(flaky.eventId()) == 1);
		// order-events, retry-0, then retry-1 succeeds.
		assertThat(this.faults.attempts(flaky.eventId())).isEqualTo(3);
		assertThat(effects(flaky.eventId())).isEqualTo(1);
		assertThat(recordsWithHeader(this.topics.retry(0), "ce_id", flaky.eventId())).hasSize(1);
		assertThat(recordsWithHeader(this.topics.retry(1), "ce_id", flaky.eventId())).hasSize(1);
		assertThat(recordsWithHeader(this.topics.deadLetter(), "ce_id", flaky.eventId())).isEmpty();
		assertThat(count("consumer.events.retried", "exception", "InjectedTransientFailure") - retriedBefore)
			.isEqualTo(2);
		// The event behind it was not held up by the back-off.
		assertThat(appliedAt(behind.eventId())).isBefore(appliedAt(flaky.eventId()));
	}

	@Test
	void aFailureThatOutlastsTheRetriesIsDeadLetteredAfterEveryAttempt() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent broken = TestOrders.order(orderId).version(1).placed();
		this.faults.failUntilCleared(broken.eventId());

		send(broken);

		await().atMost(TIMEOUT).until(() -> deadLetterId(broken.eventId()) != null);
		// Once on order-events, once per retry topic.
		assertThat(this.faults.attempts(broken.eventId())).isEqualTo(3);
		assertThat(recordsWithHeader(this.topics.retry(0), "ce_id", broken.eventId())).hasSize(1);
		assertThat(recordsWithHeader(this.topics.retry(1), "ce_id", broken.eventId())).hasSize(1);
		assertThat(effects(broken.eventId())).isZero();
		var dead = recordsWithHeader(this.topics.deadLetter(), "ce_id", broken.eventId());
		assertThat(dead).hasSize(1);
		assertThat(header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(Faults.InjectedTransientFailure.class.getName());
		// The original coordinates survive the hops through the retry topics.
		assertThat(header(dead.get(0), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("order-events");
		assertThat(this.jdbc.queryForObject("select original_topic from dead_letter where id = ?", String.class,
				deadLetterId(broken.eventId())))
			.isEqualTo("order-events");
		assertThat(count("consumer.events.dead_lettered", "exception", "InjectedTransientFailure")).isPositive();
		this.faults.clear(broken.eventId());
	}

	private Instant appliedAt(String eventId) {
		return this.jdbc
			.queryForObject("select applied_at from example_effect where event_id = ?::uuid", Timestamp.class, eventId)
			.toInstant();
	}

}
