package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event ids are canonicalised once, when a record is decoded: an id the producer wrote in
 * upper case is the same event as its lower-case form, is applied exactly once, and a
 * redelivery in either form is a duplicate. An id the inbox records is applied, never
 * dropped.
 */
class EventIdTests extends ConsumerRuntimeTestSupport {

	@Test
	void anUpperCaseEventIdIsAppliedOnceAndItsLowerCaseRedeliveryIsADuplicate() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		double duplicatesBefore = count("consumer.events.duplicates", "event_type", "order.placed.v1");

		send(withEventId(placed, placed.eventId().toUpperCase(Locale.ROOT)));

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1);
		// The handler sees the canonical (lower-case) id.
		assertThat(this.faults.context(placed.eventId())).isNotNull();
		assertThat(this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid",
				Integer.class, placed.eventId()))
			.isEqualTo(1);

		send(placed);
		OutgoingEvent marker = TestOrders.order(orderId).version(1).cancelled();
		send(marker);
		await().atMost(TIMEOUT).until(() -> effects(marker.eventId()) == 1);

		assertThat(effects(placed.eventId())).isEqualTo(1);
		assertThat(count("consumer.events.duplicates", "event_type", "order.placed.v1") - duplicatesBefore)
			.isEqualTo(1);
	}

	@Test
	void anEventIdThatIsNotACanonicalUuidIsDeadLetteredNotGuessed() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		// java.util.UUID would read this as 00000001-0002-0003-0004-000000000005.
		String odd = "1-2-3-4-5";

		send(withEventId(placed, odd));

		await().atMost(TIMEOUT).until(() -> deadLetterId(odd) != null);
		var dead = recordsWithHeader(this.topics.deadLetter(), "ce_id", odd);
		assertThat(dead).hasSize(1);
		assertThat(header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(EventFormatException.class.getName());
		assertThat(effects(placed.eventId())).isZero();
	}

	private static ProducerRecord<String, byte[]> withEventId(OutgoingEvent event, String id) {
		RecordHeaders headers = new RecordHeaders();
		event.headers()
			.forEach((name, value) -> headers.add(name,
					name.equals("ce_id") ? id.getBytes(StandardCharsets.UTF_8) : value));
		return new ProducerRecord<>(event.topic(), null, event.key(), event.value(), headers);
	}

}
