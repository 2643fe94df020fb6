package dev.orderpipeline.consumer;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that can never be handled go to the group's dead-letter topic at once, keep
 * their headers, and do not hold up other orders' records behind them on the same
 * partition.
 */
class DeadLetterTests extends ConsumerRuntimeTestSupport {

	@Test
	void anUnknownEventTypeIsDeadLetteredAndTheOrdersLaterEventsFlow() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent template = TestOrders.order(orderId).version(1).traced().placed();
		RecordHeaders headers = new RecordHeaders();
		template.headers()
			.forEach((name, value) -> headers.add(name,
					name.equals("ce_type") ? "order.shipped.v1".getBytes(StandardCharsets.UTF_8) : value));

		ConsumerRecord<String, byte[]> dead = poisonThenGood(orderId,
				new ProducerRecord<>("order-events", null, orderId.toString(), template.value(), headers),
				template.eventId());

		assertThat(header(dead, "ce_type")).isEqualTo("order.shipped.v1");
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(UnknownEventTypeException.class.getName());
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("order.shipped.v1");

		Long id = deadLetterId(template.eventId());
		var list = get("/dead-letters");
		assertThat(list.statusCode()).isEqualTo(200);
		List<Integer> ids = JsonPath.read(list.body(), "$[*].id");
		assertThat(ids).contains(id.intValue());
		var shown = get("/dead-letters/" + id);
		assertThat(shown.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(shown.body(), "$.summary.originalTopic")).isEqualTo("order-events");
		assertThat(JsonPath.<String>read(shown.body(), "$.summary.eventType")).isEqualTo("order.shipped.v1");
		assertThat(JsonPath.<String>read(shown.body(), "$.summary.exceptionClass"))
			.isEqualTo(UnknownEventTypeException.class.getName());
		assertThat(JsonPath.<String>read(shown.body(), "$.summary.firstFailedAt")).isNotNull();
		assertThat(JsonPath.<List<String>>read(shown.body(), "$.headers[*].name")).contains("ce_id", "traceparent",
				KafkaHeaders.DLT_ORIGINAL_OFFSET);
		assertThat(get("/dead-letters/999999999").statusCode()).isEqualTo(404);
	}

	@Test
	void deadLetterOperationsAreForOpsUsersOnly() throws Exception {
		String customer = TestTokens.customer("customer-ana", "acme");
		for (String[] call : new String[][] { { "GET", "/dead-letters" }, { "GET", "/dead-letters/1" },
				{ "POST", "/dead-letters/1/replay" }, { "POST", "/dead-letters/replay-all" } }) {
			assertProblem(send(call[0], call[1], customer), 403);
			assertProblem(send(call[0], call[1], TestTokens.admin()), 403);
			assertProblem(send(call[0], call[1], TestTokens.monitoring()), 403);
			assertProblem(send(call[0], call[1], null), 401);
		}
		assertProblem(send("GET", "/dead-letters", TestTokens.expired()), 401);
		assertProblem(send("GET", "/dead-letters", TestTokens.signedByAnotherKey()), 401);
		assertThat(get("/dead-letters").statusCode()).isEqualTo(200);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
		if (status == 401) {
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		}
	}

	@Test
	void aPayloadThatBreaksItsSchemaIsDeadLetteredWithTheViolation() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent invalid = TestOrders.order(orderId)
			.version(1)
			.customer("c-1", "not-an-email")
			.unchecked()
			.traced()
			.placed();

		ConsumerRecord<String, byte[]> dead = poisonThenGood(orderId, invalid.toProducerRecord(), invalid.eventId());

		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(EventFormatException.class.getName());
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("violates its schema")
			.contains("customerEmail");
	}

	@Test
	void bytesThatAreNotJsonAreDeadLetteredWithTheOriginalValue() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent template = TestOrders.order(orderId).version(1).traced().placed();
		byte[] garbage = { (byte) 0xff, 0x00, 0x13, '{' };
		ProducerRecord<String, byte[]> record = template.toProducerRecord();

		ConsumerRecord<String, byte[]> dead = poisonThenGood(orderId,
				new ProducerRecord<>(record.topic(), null, record.key(), garbage, record.headers()),
				template.eventId());

		assertThat(dead.value()).isEqualTo(garbage);
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(EventFormatException.class.getName());
	}

	@Test
	void aHandlersPermanentFailureSkipsTheRetryTopics() {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent rejected = TestOrders.order(orderId).version(1).traced().placed();
		this.faults.failPermanently(rejected.eventId());

		ConsumerRecord<String, byte[]> dead = poisonThenGood(orderId, rejected.toProducerRecord(), rejected.eventId());

		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(PermanentEventFailure.class.getName());
		assertThat(this.faults.attempts(rejected.eventId())).isEqualTo(1);
		assertThat(effects(rejected.eventId())).isZero();
	}

	/**
	 * Sends a poison record and, behind it on the same partition, a good event of another
	 * order; checks the good one is applied, and the poison one is in the dead-letter
	 * topic (and store) with its original coordinates, not in any retry topic.
	 */
	private ConsumerRecord<String, byte[]> poisonThenGood(UUID orderId, ProducerRecord<String, byte[]> poison,
			String poisonEventId) {
		double deadLetteredBefore = count("consumer.events.dead_lettered");
		RecordMetadata sent = send(poison);
		// Another order's event: a later event of the same order would be held until the
		// dead letter is replayed.
		OutgoingEvent behind = TestOrders.order(UUID.randomUUID()).version(1).traced().placed();
		ProducerRecord<String, byte[]> next = behind.toProducerRecord();
		send(new ProducerRecord<>(next.topic(), sent.partition(), next.key(), next.value(), next.headers()));

		await().atMost(TIMEOUT).until(() -> effects(behind.eventId()) == 1);
		await().atMost(TIMEOUT).until(() -> deadLetterId(poisonEventId) != null);

		List<ConsumerRecord<String, byte[]>> dead = recordsWithHeader(this.topics.deadLetter(), "ce_id", poisonEventId);
		assertThat(dead).hasSize(1);
		ConsumerRecord<String, byte[]> record = dead.get(0);
		assertThat(record.key()).isEqualTo(orderId.toString());
		assertThat(header(record, "traceparent")).contains(TestOrders.TRACE_ID);
		assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("order-events");
		assertThat(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
		assertThat(ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
			.isBetween(0, 5);
		assertThat(header(record, FailedRecordForwarder.FIRST_FAILURE_AT)).isNotNull();
		for (String retry : this.topics.retries()) {
			assertThat(recordsWithHeader(retry, "ce_id", poisonEventId)).isEmpty();
		}
		assertThat(count("consumer.events.dead_lettered")).isGreaterThan(deadLetteredBefore);
		return record;
	}

}
