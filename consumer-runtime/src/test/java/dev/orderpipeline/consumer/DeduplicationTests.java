package dev.orderpipeline.consumer;

import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeduplicationTests extends ConsumerRuntimeTestSupport {

	@Test
	void anEventDeliveredThreeTimesTakesEffectOnceAndCountsTwoDuplicates() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		double duplicatesBefore = count("consumer.events.duplicates", "event_type", "order.placed.v2");

		send(placed);
		send(placed);
		send(placed);
		// Same key, same partition: once the cancellation is applied, all three
		// deliveries of the placement have been handled.
		send(cancelled);

		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1);
		assertThat(effects(placed.eventId())).isEqualTo(1);
		assertThat(count("consumer.events.duplicates", "event_type", "order.placed.v2") - duplicatesBefore)
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid",
				Integer.class, placed.eventId()))
			.isEqualTo(1);
	}

	@Test
	void aRedeliveryAfterTheOrdersLaterEventIsNotAppliedTwiceAndTheLaterOneCountsAsInOrder() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		double gapsBefore = count("consumer.sequence.anomalies", "kind", "gap");

		send(placed);
		send(cancelled);
		send(placed);
		OutgoingEvent marker = TestOrders.order(UUID.randomUUID()).version(1).placed();
		send(marker);

		await().atMost(TIMEOUT).until(() -> effects(cancelled.eventId()) == 1 && effects(marker.eventId()) == 1);
		assertThat(effects(placed.eventId())).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select last_sequence from event_sequence where subject = ?", Long.class,
				orderId.toString()))
			.isEqualTo(2);
		assertThat(count("consumer.sequence.anomalies", "kind", "gap")).isEqualTo(gapsBefore);
	}

}
