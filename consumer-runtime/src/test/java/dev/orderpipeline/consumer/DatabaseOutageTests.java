package dev.orderpipeline.consumer;

import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the database cannot be reached, no record is to blame: the batch waits and is
 * applied in place once the database is back, instead of being pushed through the retry
 * topics into the dead-letter topic.
 */
class DatabaseOutageTests extends ConsumerRuntimeTestSupport {

	@Test
	void aBatchThatMeetsADatabaseOutageIsRetriedInPlaceNotForwarded() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		this.faults.failWithDatabaseOutage(placed.eventId(), 2);
		double retriedBefore = count("consumer.events.retried");
		double deadLetteredBefore = count("consumer.events.dead_lettered");

		send(placed);
		send(cancelled);

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1 && effects(cancelled.eventId()) == 1);
		assertThat(recordsWithHeader(this.topics.retry(0), "ce_id", placed.eventId())).isEmpty();
		assertThat(deadLetterId(placed.eventId())).isNull();
		assertThat(count("consumer.events.retried")).isEqualTo(retriedBefore);
		assertThat(count("consumer.events.dead_lettered")).isEqualTo(deadLetteredBefore);
		// Applied in partition order: the cancellation behind it waited for it.
		assertThat(this.jdbc.queryForList("select event_id::text from example_effect where order_id = ? order by id",
				String.class, orderId))
			.containsExactly(placed.eventId(), cancelled.eventId());
	}

}
