package dev.orderpipeline.consumer;

import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-order sequence tells late events from new ones: a placement that arrives after
 * its order's cancellation (as after a retry) is stale.
 */
class SequenceTests extends ConsumerRuntimeTestSupport {

	@AfterEach
	void handleStaleEventsAgain() {
		this.faults.skipStaleEvents(false);
	}

	@Test
	void aLateEventIsCountedAsStaleAndStillHandledByDefault() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.placed(orderId);
		OutgoingEvent cancelled = TestOrders.cancelled(orderId);
		double gaps = count("consumer.sequence.anomalies", "kind", "gap");
		double stale = count("consumer.sequence.anomalies", "kind", "stale");

		send(cancelled);
		send(placed);

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1);
		assertThat(effects(cancelled.eventId())).isEqualTo(1);
		assertThat(count("consumer.sequence.anomalies", "kind", "gap") - gaps).isEqualTo(1);
		assertThat(count("consumer.sequence.anomalies", "kind", "stale") - stale).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select last_sequence from event_sequence where subject = ?", Long.class,
				orderId.toString()))
			.isEqualTo(2);
	}

	@Test
	void aHandlerThatSkipsStaleEventsNeverSeesAPlacementAfterItsCancellation() {
		this.faults.skipStaleEvents(true);
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.placed(orderId);
		OutgoingEvent cancelled = TestOrders.cancelled(orderId);
		double skipped = count("consumer.events.processed", "outcome", "stale_skipped");

		send(cancelled);
		send(placed);

		await().atMost(TIMEOUT).until(() -> count("consumer.events.processed", "outcome", "stale_skipped") > skipped);
		assertThat(effects(cancelled.eventId())).isEqualTo(1);
		assertThat(effects(placed.eventId())).isZero();
		// Recorded in the inbox all the same: a redelivery is a duplicate, not a new
		// decision.
		assertThat(this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid",
				Integer.class, placed.eventId()))
			.isEqualTo(1);
	}

}
