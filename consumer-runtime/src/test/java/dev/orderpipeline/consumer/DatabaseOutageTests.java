package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

	/**
	 * The partition the fault suite found stuck (stop 23): a batch waited out an outage,
	 * and once the database was back its next record could not be decoded. That record
	 * must go to the dead-letter topic like any other poison; the batch must not be
	 * retried in place for ever because it once met an outage.
	 */
	@Test
	void aPoisonRecordInABatchThatMetAnOutageIsDeadLetteredOnceTheDatabaseIsBack() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		OutgoingEvent cancelled = TestOrders.order(orderId).version(1).cancelled();
		OutgoingEvent template = TestOrders.order(UUID.randomUUID()).version(1).placed();
		RecordHeaders headers = new RecordHeaders();
		template.headers().forEach(headers::add);
		ProducerRecord<String, byte[]> poison = new ProducerRecord<>("order-events", null, orderId.toString(),
				"&not json".getBytes(StandardCharsets.UTF_8), headers);
		// Hold the partition's consumer inside the placement so that the cancellation and
		// the poison record behind it arrive in one poll.
		Faults.Pause pause = this.faults.pauseOn(placed.eventId());
		this.faults.failWithDatabaseOutage(cancelled.eventId(), 2);

		send(placed);
		await().atMost(TIMEOUT).until(pause::entered);
		send(cancelled);
		send(poison);
		pause.resume();

		await().atMost(TIMEOUT).until(() -> deadLetterId(template.eventId()) != null);
		assertThat(this.faults.outagesLeft(cancelled.eventId())).isZero();
		assertThat(effects(placed.eventId())).isEqualTo(1);
		assertThat(effects(cancelled.eventId())).isEqualTo(1);
		// Only the poison record moves on: the records around it were applied in place.
		assertThat(deadLetterId(cancelled.eventId())).isNull();
		assertThat(recordsWithHeader(this.topics.deadLetter(), "ce_id", cancelled.eventId())).isEmpty();
		assertThat(recordsWithHeader(this.topics.retry(0), "ce_id", cancelled.eventId())).isEmpty();
	}

}
