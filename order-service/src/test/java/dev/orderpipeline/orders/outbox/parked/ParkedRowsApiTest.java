package dev.orderpipeline.orders.outbox.parked;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's way out for parked outbox rows: a row the broker refused for good is
 * listed with its error, and once the cause is fixed one call with a reason puts it back;
 * the relay publishes it with its original {@code ce_id}, and the re-queue is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ParkedRowsApiTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	MeterRegistry meters;

	private final List<UUID> orders = new ArrayList<>();

	@AfterEach
	void deleteTestRows() {
		this.orders
			.forEach((order) -> this.jdbc.sql("delete from outbox_event where order_id = ?").param(order).update());
	}

	@Test
	void aRowTheBrokerRefusedIsListedWithItsErrorAndOnceTheCauseIsFixedOneRequeuePublishesIt() throws Exception {
		OrderApi ops = new OrderApi(this.port).as(TestTokens.ops());
		UUID order = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		double requeuedBefore = requeuedRows();
		try (Admin admin = Admin.create(this.kafka.buildAdminProperties())) {
			// The cause: the topic takes at most 64 KiB per record batch; the row is 200
			// KiB
			// of random bytes (no compression makes it smaller).
			setTopicLimit(admin, "65536");
			try {
				insertRow(order, eventId, 1, randomBytes(200 * 1024), null);
				long id = await().atMost(TIMEOUT).until(() -> parkedIdOf(ops, eventId), (found) -> found != null);
				HttpResponse<String> row = ops.get("/ops/outbox/parked/" + id);
				assertThat(row.statusCode()).as(row.body()).isEqualTo(200);
				Map<String, Object> parked = JsonPath.parse(row.body()).read("$");
				assertThat(parked).containsEntry("eventId", eventId.toString())
					.containsEntry("orderId", order.toString())
					.containsEntry("payloadBytes", 200 * 1024);
				assertThat((String) parked.get("lastError")).contains("RecordTooLargeException");
				assertThat(parked.get("parkedAt")).isNotNull();
			}
			finally {
				// The fix: the topic's default limit again.
				setTopicLimit(admin, null);
			}
			long id = parkedIdOf(ops, eventId);
			try (KafkaConsumer<String, byte[]> consumer = consumerAtEnd()) {
				HttpResponse<String> requeued = ops.post("/ops/outbox/parked/" + id + "/requeue",
						"{\"reason\": \"topic max.message.bytes raised to the default (INC-42)\"}");
				assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
				assertThat(JsonPath.parse(requeued.body()).read("$.requeued", Integer.class)).isEqualTo(1);

				List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
				await().atMost(TIMEOUT).until(() -> {
					consumer.poll(Duration.ofMillis(200)).forEach((record) -> published.add(record));
					return published.stream().anyMatch((record) -> order.toString().equals(record.key()));
				});
				assertThat(published).filteredOn((record) -> order.toString().equals(record.key()))
					.singleElement()
					.satisfies((record) -> assertThat(new String(record.headers().lastHeader("ce_id").value()))
						.isEqualTo(eventId.toString()));
			}
			await().atMost(TIMEOUT)
				.until(() -> this.jdbc.sql("select count(*) from outbox_event where order_id = ?")
					.param(order)
					.query(Long.class)
					.single() == 0);
			assertThat(ops.get("/ops/outbox/parked/" + id).statusCode()).isEqualTo(404);

			HttpResponse<String> history = ops.get("/ops/outbox/requeues?limit=10");
			assertThat(history.statusCode()).isEqualTo(200);
			List<Map<String, Object>> audit = JsonPath.parse(history.body())
				.read("$[?(@.eventId == '" + eventId + "')]");
			assertThat(audit).singleElement().satisfies((entry) -> {
				assertThat(entry).containsEntry("outboxId", (int) id)
					.containsEntry("requeuedBy", TestTokens.OPS_SUBJECT)
					.containsEntry("reason", "topic max.message.bytes raised to the default (INC-42)");
				assertThat((String) entry.get("lastError")).contains("RecordTooLargeException");
			});
			assertThat(requeuedRows()).isEqualTo(requeuedBefore + 1);
		}
	}

	@Test
	void requeueAllPutsBackTheOldestParkedRowsUpToItsLimit() throws Exception {
		OrderApi ops = new OrderApi(this.port).as(TestTokens.ops());
		// Rows parked before this test (by the others) would be re-queued too; none stay.
		assertThat(parkedRows(ops)).isEmpty();
		UUID order = UUID.randomUUID();
		List<UUID> events = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		for (int i = 0; i < events.size(); i++) {
			insertRow(order, events.get(i), i + 1, "{}".getBytes(),
					"org.apache.kafka.common.errors.RecordTooLargeException");
		}
		List<Map<String, Object>> listed = parkedRows(ops);
		assertThat(listed).extracting((row) -> row.get("eventId"))
			.containsExactlyElementsOf(events.stream().map(UUID::toString).toList());

		HttpResponse<String> firstTwo = ops.post("/ops/outbox/parked/requeue-all?limit=2",
				"{\"reason\": \"replay after fix\"}");
		assertThat(firstTwo.statusCode()).as(firstTwo.body()).isEqualTo(200);
		assertThat(JsonPath.parse(firstTwo.body()).read("$.audit[*].eventId", List.class))
			.containsExactly(events.get(0).toString(), events.get(1).toString());
		assertThat(parkedRows(ops)).extracting((row) -> row.get("eventId")).containsExactly(events.get(2).toString());

		HttpResponse<String> rest = ops.post("/ops/outbox/parked/requeue-all", "{\"reason\": \"replay after fix\"}");
		assertThat(JsonPath.parse(rest.body()).read("$.requeued", Integer.class)).isEqualTo(1);
		assertThat(parkedRows(ops)).isEmpty();
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.sql("select count(*) from outbox_event where order_id = ?")
				.param(order)
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void onlyOpsMaySeeOrRequeueParkedRows() {
		OrderApi api = new OrderApi(this.port);
		for (String token : List.of(TestTokens.customer(), TestTokens.admin(), TestTokens.catalogAdmin(),
				TestTokens.monitoring())) {
			assertThat(api.as(token).get("/ops/outbox/parked").statusCode()).isEqualTo(403);
			HttpResponse<String> refused = api.as(token).post("/ops/outbox/parked/requeue-all", "{\"reason\": \"x\"}");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(OrderApi.problem(refused)).containsEntry("status", 403);
		}
		assertThat(api.get("/ops/outbox/parked").statusCode()).isEqualTo(401);
	}

	@Test
	void badRequestsGetAProblemAndChangeNothing() {
		OrderApi ops = new OrderApi(this.port).as(TestTokens.ops());
		UUID order = UUID.randomUUID();
		long id = insertRow(order, UUID.randomUUID(), 1, "{}".getBytes(), "refused");

		for (String body : List.of("{\"reason\": \"   \"}", "{}", "{\"reason\": \"" + "x".repeat(501) + "\"}",
				"{\"reason\": \"line\\nbreak\"}")) {
			HttpResponse<String> invalid = ops.post("/ops/outbox/parked/" + id + "/requeue", body);
			assertThat(invalid.statusCode()).as(body).isEqualTo(400);
			assertThat(OrderApi.problem(invalid)).containsEntry("type", "https://errors.orderpipeline.dev/validation");
			assertThat(invalid.body()).contains("\"field\":\"reason\"");
		}
		HttpResponse<String> noBody = ops.post("/ops/outbox/parked/" + id + "/requeue", "");
		assertThat(noBody.statusCode()).isEqualTo(400);
		assertThat(OrderApi.problem(noBody)).containsKey("type");
		HttpResponse<String> badLimit = ops.get("/ops/outbox/parked?limit=0");
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(badLimit.body()).contains("\"field\":\"limit\"");

		HttpResponse<String> unknown = ops.post("/ops/outbox/parked/" + (id + 1_000_000) + "/requeue",
				"{\"reason\": \"fixed\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(unknown)).containsEntry("type", "https://errors.orderpipeline.dev/not-found");

		assertThat(ops.get("/ops/outbox/parked/" + id).statusCode()).as("still parked").isEqualTo(200);
	}

	private long insertRow(UUID order, UUID eventId, long sequence, byte[] payload, String parkedWith) {
		this.orders.add(order);
		return this.jdbc
			.sql("""
					insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers, parked_at, last_error)
					values (?, ?, 'order.placed.v2', ?, ?, jsonb_build_object('ce_id', ?::text),
					        case when ?::text is null then null else clock_timestamp() end, ?)
					returning id""")
			.params(eventId, order, sequence, payload, eventId.toString(), parkedWith, parkedWith)
			.query(Long.class)
			.single();
	}

	private static List<Map<String, Object>> parkedRows(OrderApi ops) {
		HttpResponse<String> page = ops.get("/ops/outbox/parked?limit=500");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JsonPath.parse(page.body()).read("$.rows");
	}

	private static Long parkedIdOf(OrderApi ops, UUID eventId) {
		return parkedRows(ops).stream()
			.filter((row) -> eventId.toString().equals(row.get("eventId")))
			.map((row) -> ((Number) row.get("id")).longValue())
			.findFirst()
			.orElse(null);
	}

	private double requeuedRows() {
		return this.meters.get("outbox.requeued.rows").counter().count();
	}

	private static void setTopicLimit(Admin admin, String maxMessageBytes) throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, EventTopics.ORDER_EVENTS);
		AlterConfigOp op = (maxMessageBytes != null)
				? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes),
						AlterConfigOp.OpType.SET)
				: new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
						AlterConfigOp.OpType.DELETE);
		Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(topic, List.of(op));
		admin.incrementalAlterConfigs(change).all().get();
	}

	private KafkaConsumer<String, byte[]> consumerAtEnd() {
		Map<String, Object> config = new java.util.HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(EventTopics.ORDER_EVENTS, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return consumer;
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
