package dev.orderpipeline.consumer;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.consumer.deadletter.DeadLetterReplayer;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters are replayed into the group's own retry path once the cause is fixed; the
 * effect happens exactly once however often they are replayed.
 */
class ReplayTests extends ConsumerRuntimeTestSupport {

	@Test
	void aReplayedDeadLetterTakesEffectOnceEvenWhenReplayedTwice() throws Exception {
		OutgoingEvent event = deadLettered();
		Long id = deadLetterId(event.eventId());
		this.faults.clear(event.eventId());
		double duplicatesBefore = count("consumer.events.duplicates", "event_type", "order.placed.v1");

		assertThat(post("/dead-letters/" + id + "/replay").statusCode()).isEqualTo(202);
		await().atMost(TIMEOUT).until(() -> effects(event.eventId()) == 1);
		var replayedAgain = post("/dead-letters/" + id + "/replay");
		assertThat(replayedAgain.statusCode()).isEqualTo(202);
		assertThat(JsonPath.<Integer>read(replayedAgain.body(), "$.replayCount")).isEqualTo(2);
		await().atMost(TIMEOUT)
			.until(() -> count("consumer.events.duplicates", "event_type", "order.placed.v1") > duplicatesBefore);

		assertThat(effects(event.eventId())).isEqualTo(1);
		// Into this group's first retry topic, never back onto the shared source topic.
		assertThat(recordsWithHeader(this.topics.retry(0), DeadLetterReplayer.REPLAY_OF, id.toString())).hasSize(2);
		assertThat(recordsWithHeader("order-events", DeadLetterReplayer.REPLAY_OF, id.toString())).isEmpty();
		assertThat(JsonPath.<String>read(get("/dead-letters/" + id).body(), "$.summary.replayedAt")).isNotNull();
		assertThat(post("/dead-letters/999999999/replay").statusCode()).isEqualTo(404);
	}

	@Test
	void replayAllReplaysEveryPendingDeadLetter() throws Exception {
		OutgoingEvent first = deadLettered();
		OutgoingEvent second = deadLettered();
		this.faults.clear(first.eventId());
		this.faults.clear(second.eventId());

		var response = post("/dead-letters/replay-all");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JsonPath.<Integer>read(response.body(), "$.replayed")).isGreaterThanOrEqualTo(2);
		await().atMost(TIMEOUT).until(() -> effects(first.eventId()) == 1 && effects(second.eventId()) == 1);
		var pending = get("/dead-letters?status=pending");
		assertThat(JsonPath.<List<String>>read(pending.body(), "$[*].eventId")).doesNotContain(first.eventId(),
				second.eventId());
	}

	private OutgoingEvent deadLettered() {
		OutgoingEvent event = TestOrders.order(UUID.randomUUID()).version(1).placed();
		this.faults.failUntilCleared(event.eventId());
		send(event);
		await().atMost(TIMEOUT).until(() -> deadLetterId(event.eventId()) != null);
		assertThat(effects(event.eventId())).isZero();
		return event;
	}

}
