package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter recorder stores whatever reaches the dead-letter topic, so one odd
 * record never holds up the dead letters behind it. Failed before: a header with a NUL
 * byte made every insert fail, the recorder retried it for ever, and the next dead letter
 * of the partition was never stored.
 */
class DeadLetterStoreTests extends ConsumerRuntimeTestSupport {

	@Test
	void aDeadLetterWithANulByteAndInvalidUtf8InItsHeadersIsStoredFaithfullyAndTheNextOneToo() throws Exception {
		OutgoingEvent event = TestOrders.order(UUID.randomUUID()).version(1).placed();
		byte[] withNul = "bad\0id".getBytes(StandardCharsets.UTF_8);
		byte[] notUtf8 = { (byte) 0xc3, (byte) 0x28, 0x00 };
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_id", withNul);
		headers.add("ce_type", notUtf8);
		headers.add("pipeline_first-failure-at", "not a time".getBytes(StandardCharsets.UTF_8));
		RecordMetadata odd = send(
				new ProducerRecord<>(this.topics.deadLetter(), 0, "key\0with-nul", event.value(), headers));
		OutgoingEvent next = TestOrders.order(UUID.randomUUID()).version(1).placed();
		ProducerRecord<String, byte[]> normal = next.toProducerRecord();
		send(new ProducerRecord<>(this.topics.deadLetter(), 0, normal.key(), normal.value(), normal.headers()));

		await().atMost(TIMEOUT).until(() -> deadLetterId(next.eventId()) != null);

		Long id = this.jdbc.queryForObject("select id from dead_letter where dlt_topic = ? and dlt_offset = ?",
				Long.class, this.topics.deadLetter(), odd.offset());
		assertThat(this.jdbc.queryForObject("select event_id from dead_letter where id = ?", String.class, id))
			.isEqualTo("bad\\u0000id");
		var shown = get("/dead-letters/" + id);
		assertThat(shown.statusCode()).isEqualTo(200);
		List<String> names = JsonPath.read(shown.body(), "$.headers[*].name");
		List<String> raw = JsonPath.read(shown.body(), "$.headers[*].base64");
		assertThat(Base64.getDecoder().decode(raw.get(names.indexOf("ce_id")))).isEqualTo(withNul);
		assertThat(Base64.getDecoder().decode(raw.get(names.indexOf("ce_type")))).isEqualTo(notUtf8);
	}

}
