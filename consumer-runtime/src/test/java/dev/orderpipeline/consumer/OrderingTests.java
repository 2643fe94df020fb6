package dev.orderpipeline.consumer;

import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order's events take effect in sequence order, and none is skipped: an event that
 * arrives before its predecessor is held until the predecessor is applied (from the
 * source topic, a retry topic or a replay), within bounds beyond which it is
 * dead-lettered; an event below the last sequence that is not in the inbox is applied.
 * The example handler writes one row per event, so row ids show the order of effects.
 */
class OrderingTests extends ConsumerRuntimeTestSupport {

	@Test
	void aCancellationPublishedBeforeItsPlacementIsHeldAndAppliedRightAfterIt() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		double gaps = count("consumer.sequence.anomalies", "kind", "gap");
		double stale = count("consumer.sequence.anomalies", "kind", "stale");

		send(cancelled);
		await().atMost(TIMEOUT).until(() -> held(orderId) == 1);
		assertThat(effects(cancelled.eventId())).isZero();
		send(placed);

		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1);
		assertThat(effectOrder(orderId)).containsExactly(placed.eventId(), cancelled.eventId());
		assertThat(held(orderId)).isZero();
		assertThat(lastSequence(orderId)).isEqualTo(2);
		assertThat(count("consumer.sequence.anomalies", "kind", "gap") - gaps).isEqualTo(1);
		assertThat(count("consumer.sequence.anomalies", "kind", "stale") - stale).isZero();
	}

	/**
	 * Failed on the code before the gate: the cancellation was applied at once as a gap,
	 * and the retried placement after it, as stale.
	 */
	@Test
	void aCancellationThatOvertakesItsPlacementOnTheRetryPathWaitsForIt() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		this.faults.failTransiently(placed.eventId(), 1);

		send(cancelled);
		send(placed);

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1 && effects(cancelled.eventId()) == 1);
		assertThat(recordsWithHeader(this.topics.retry(0), "ce_id", placed.eventId())).hasSize(1);
		assertThat(effectOrder(orderId)).containsExactly(placed.eventId(), cancelled.eventId());
		assertThat(lastSequence(orderId)).isEqualTo(2);
	}

	/**
	 * Failed on the code before the gate: the cancellation was applied while its
	 * placement was dead-lettered, and the replayed placement came after it.
	 */
	@Test
	void aReplayedDeadLetterIsAppliedAndReleasesTheEventsHeldBehindIt() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		this.faults.failPermanently(placed.eventId());
		send(placed);
		await().atMost(TIMEOUT).until(() -> deadLetterId(placed.eventId()) != null);
		send(cancelled);
		await().atMost(TIMEOUT).until(() -> held(orderId) == 1);
		this.faults.clear(placed.eventId());

		assertThat(post("/dead-letters/" + deadLetterId(placed.eventId()) + "/replay").statusCode()).isEqualTo(202);

		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1);
		assertThat(effectOrder(orderId)).containsExactly(placed.eventId(), cancelled.eventId());
		assertThat(held(orderId)).isZero();
	}

	@Test
	void anEventBelowTheLastSequenceThatWasNeverAppliedIsApplied() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		// Another event with the placement's sequence (a re-publication under a new id):
		// the sequence says it is late, the inbox says it never took effect.
		OutgoingEvent republished = TestOrders.order(orderId).version(1).placed();
		double stale = count("consumer.sequence.anomalies", "kind", "stale");
		send(placed);
		send(cancelled);
		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1);

		send(republished);

		await().atMost(TIMEOUT).until(() -> effects(republished.eventId()) == 1);
		assertThat(count("consumer.sequence.anomalies", "kind", "stale") - stale).isEqualTo(1);
		assertThat(lastSequence(orderId)).isEqualTo(2);
	}

	@Test
	void anEventHeldLongerThanTheMaxAgeIsDeadLetteredWithTheReasonNotDropped() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();

		send(cancelled);

		await().atMost(TIMEOUT).until(() -> deadLetterId(cancelled.eventId()) != null);
		assertThat(held(orderId)).isZero();
		assertThat(effects(cancelled.eventId())).isZero();
		var dead = recordsWithHeader(this.topics.deadLetter(), "ce_id", cancelled.eventId());
		assertThat(dead).hasSize(1);
		assertThat(header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(HeldEventExpired.class.getName());
		assertThat(header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("waiting for sequence 1");
		assertThat(this.jdbc.queryForObject("select original_topic from dead_letter where id = ?", String.class,
				deadLetterId(cancelled.eventId())))
			.isEqualTo("order-events");

		// Once its predecessor is applied, the replay takes effect.
		send(TestOrders.order(orderId).version(1).placed());
		await().atMost(TIMEOUT).until(() -> lastSequence(orderId) == 1);
		post("/dead-letters/" + deadLetterId(cancelled.eventId()) + "/replay");
		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1);
	}

	@Test
	void anOrderWithTheMostEventsHeldDeadLettersTheNextOneInsteadOfHoldingIt() {
		UUID orderId = UUID.randomUUID();
		// The test configuration holds at most 3 events per order.
		List<OutgoingEvent> held = List.of(TestOrders.order(orderId).version(1).cancelledSequence(3).cancelled(),
				TestOrders.order(orderId).version(1).cancelledSequence(4).cancelled(),
				TestOrders.order(orderId).version(1).cancelledSequence(5).cancelled());
		OutgoingEvent beyond = TestOrders.order(orderId).version(1).cancelledSequence(6).cancelled();

		held.forEach(this::send);
		send(beyond);

		await().atMost(TIMEOUT).until(() -> deadLetterId(beyond.eventId()) != null);
		assertThat(held(orderId)).isEqualTo(3);
		var dead = recordsWithHeader(this.topics.deadLetter(), "ce_id", beyond.eventId());
		assertThat(header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(HoldLimitExceeded.class.getName());
		assertThat(effects(beyond.eventId())).isZero();
	}

	/**
	 * The source and a retry container meet on an order's first event: the retried
	 * placement holds the order's new sequence row until it commits, so the cancellation
	 * on the source waits for it instead of reading "nothing applied". Failed on the code
	 * before, which locked only rows that existed: the cancellation was applied first.
	 */
	@Test
	void theSourceWaitsForARetryOfTheOrdersFirstEventInsteadOfOvertakingIt() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		this.faults.failTransiently(placed.eventId(), 1);
		Faults.Pause retrying = this.faults.pauseOn(placed.eventId());

		send(placed);
		await().atMost(TIMEOUT).until(retrying::entered);
		send(cancelled);
		// The source either waits for the row lock or (without it) applies the
		// cancellation.
		await().atMost(TIMEOUT).until(() -> waitingForALock() || effects(cancelled.eventId()) == 1);
		retrying.resume();

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1 && effects(cancelled.eventId()) == 1);
		assertThat(effectOrder(orderId)).containsExactly(placed.eventId(), cancelled.eventId());
		assertThat(lastSequence(orderId)).isEqualTo(2);
	}

	private List<String> effectOrder(UUID orderId) {
		return this.jdbc.queryForList("select event_id::text from example_effect where order_id = ? order by id",
				String.class, orderId);
	}

	private int held(UUID orderId) {
		return this.jdbc.queryForObject("select count(*) from held_event where subject = ?", Integer.class,
				orderId.toString());
	}

	private long lastSequence(UUID orderId) {
		List<Long> last = this.jdbc.queryForList("select last_sequence from event_sequence where subject = ?",
				Long.class, orderId.toString());
		return last.isEmpty() ? 0 : last.get(0);
	}

	private boolean waitingForALock() {
		return this.jdbc.queryForObject(
				"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
				Integer.class) > 0;
	}

}
