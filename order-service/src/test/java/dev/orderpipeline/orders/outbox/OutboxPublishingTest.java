package dev.orderpipeline.orders.outbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.kafka.IncomingEvent;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.outbox.EventLog.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders placed and cancelled over HTTP reach {@code order-events} through the outbox, as
 * the contract in {@code common-events} describes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OutboxPublishingTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private static final String W3C_TRACEPARENT = "00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}";

	@Value("${local.server.port}")
	int port;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	OrderApi api;

	EventLog log;

	final EventSchemas schemas = new EventSchemas();

	@BeforeEach
	void open() {
		this.api = new OrderApi(this.port);
		this.log = EventLog.open(this.kafka);
	}

	@AfterEach
	void close() {
		this.log.close();
	}

	@Test
	void placingAnOrderPublishesOneOrderPlacedV2WithEveryCloudEventsHeader() {
		String sku = this.api.createProduct(250, 10);
		String customer = newCustomer();
		HttpResponse<String> placed = this.api.asCustomer(customer)
			.post("/orders", OrderApi.orderJson(sku, 2), "traceparent", TRACEPARENT, "X-Correlation-Id",
					"req-" + customer);
		assertThat(placed.statusCode()).isEqualTo(201);
		String orderId = JsonPath.parse(placed.body()).read("$.id");

		List<ConsumerRecord<String, byte[]>> records = this.log.awaitRecords(orderId, (list) -> !list.isEmpty(),
				TIMEOUT);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
			this.log.poll();
			return this.log.of(orderId).size() == 1;
		});

		ConsumerRecord<String, byte[]> record = records.get(0);
		assertThat(record.topic()).isEqualTo(EventTopics.ORDER_EVENTS);
		assertThat(record.key()).isEqualTo(orderId);
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(record, "ce_id")).satisfies((id) -> UUID.fromString(id));
		assertThat(header(record, "ce_type")).isEqualTo("order.placed.v2");
		assertThat(header(record, "ce_source")).isEqualTo("/order-service");
		assertThat(header(record, "ce_time")).isNotBlank();
		assertThat(header(record, "ce_subject")).isEqualTo(orderId);
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		// Same trace as the caller's; the span is the relay's publication.
		assertThat(header(record, "traceparent")).matches(W3C_TRACEPARENT)
			.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
			.isNotEqualTo(TRACEPARENT);
		assertThat(header(record, "ce_correlationid")).isEqualTo("req-" + customer);
		assertThat(this.schemas.violations(EventType.ORDER_PLACED_V2, record.value())).isEmpty();

		IncomingEvent incoming = EventDecoder.validating(this.schemas).decode(record).orElseThrow();
		assertThat(incoming.event()).isInstanceOfSatisfying(OrderPlacedV2.class, (event) -> {
			assertThat(event.orderId()).hasToString(orderId);
			assertThat(event.sequence()).isEqualTo(1);
			assertThat(event.customer().id()).isEqualTo(customer);
			// The tenant travels in the event, from the token of the customer who placed
			// it.
			assertThat(event.tenantId()).isEqualTo(OrderApi.TENANT);
			assertThat(event.lines()).singleElement().satisfies((line) -> {
				assertThat(line.sku()).isEqualTo(sku);
				assertThat(line.quantity()).isEqualTo(2);
			});
			assertThat(event.totals().subtotal().amount()).isEqualTo(500);
			assertThat(event.totals().total().amount()).isEqualTo(600);
		});
		await().atMost(TIMEOUT).until(() -> outboxRows(orderId) == 0);
	}

	@Test
	void withoutRequestHeadersTheCorrelationIdIsTheOrderIdAndTheEventStartsATraceOfItsOwn() {
		String sku = this.api.createProduct(100, 10);
		String orderId = JsonPath.parse(this.api.placeOrder(newCustomer(), sku, 1).body()).read("$.id");

		ConsumerRecord<String, byte[]> record = this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT)
			.get(0);

		assertThat(header(record, "ce_correlationid")).isEqualTo(orderId);
		assertThat(header(record, "traceparent")).matches(W3C_TRACEPARENT);
	}

	@Test
	void aMalformedTraceparentIsNotPropagatedTheEventStartsATraceOfItsOwn() {
		String sku = this.api.createProduct(100, 10);
		HttpResponse<String> placed = this.api.asCustomer(newCustomer())
			.post("/orders", OrderApi.orderJson(sku, 1), "traceparent", "00-not-a-trace-01");
		String orderId = JsonPath.parse(placed.body()).read("$.id");

		ConsumerRecord<String, byte[]> record = this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT)
			.get(0);

		assertThat(header(record, "traceparent")).matches(W3C_TRACEPARENT).doesNotContain("not-a-trace");
	}

	@Test
	void placedComesBeforeCancelledOnTheOrdersPartitionWithSequencesOneAndTwo() {
		String sku = this.api.createProduct(100, 10);
		String customer = newCustomer();
		String orderId = JsonPath.parse(this.api.placeOrder(customer, sku, 3).body()).read("$.id");
		OrderApi asCustomer = this.api.asCustomer(customer);
		assertThat(asCustomer.post("/orders/" + orderId + "/cancel", "{\"reason\": \"Ordered twice\"}").statusCode())
			.isEqualTo(200);
		// A repeated cancel changes nothing and publishes nothing.
		assertThat(asCustomer.post("/orders/" + orderId + "/cancel", "").statusCode()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> records = this.log.awaitRecords(orderId, (list) -> list.size() >= 2,
				TIMEOUT);

		assertThat(records).extracting((record) -> header(record, "ce_type"))
			.containsExactly("order.placed.v2", "order.cancelled.v2");
		assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
		assertThat(records.get(0).offset()).isLessThan(records.get(1).offset());
		assertThat(this.schemas.violations(EventType.ORDER_CANCELLED_V2, records.get(1).value())).isEmpty();
		EventDecoder decoder = EventDecoder.validating(this.schemas);
		assertThat(decoder.decode(records.get(0)).orElseThrow().event()).isInstanceOfSatisfying(OrderPlacedV2.class,
				(placed) -> assertThat(placed.sequence()).isEqualTo(1));
		// The cancellation is complete: what a consumer needs to reverse the order
		// without a ledger of its own, and the caller's reason.
		assertThat(decoder.decode(records.get(1)).orElseThrow().event()).isInstanceOfSatisfying(OrderCancelledV2.class,
				(cancelled) -> {
					assertThat(cancelled.sequence()).isEqualTo(2);
					assertThat(cancelled.tenantId()).isEqualTo(OrderApi.TENANT);
					assertThat(cancelled.customer().id()).isEqualTo(customer);
					assertThat(cancelled.customer().email()).isEqualTo("ana@example.com");
					assertThat(cancelled.totals().subtotal().amount()).isEqualTo(300);
					assertThat(cancelled.lines()).singleElement().satisfies((line) -> {
						assertThat(line.sku()).isEqualTo(sku);
						assertThat(line.quantity()).isEqualTo(3);
					});
					assertThat(cancelled.reason()).isEqualTo("Ordered twice");
				});
	}

	@Test
	void aRowTooLargeForTheBrokerIsParkedWithItsErrorAndTheRowsBehindItArePublished() {
		UUID poisonOrder = UUID.randomUUID();
		// Twice the producer's max.request.size (and the broker's message.max.bytes).
		byte[] payload = new byte[2 * 1024 * 1024];
		java.util.Arrays.fill(payload, (byte) 'x');
		this.jdbc.update("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, 'order.placed.v1', 1, ?, '{"ce_id": "x"}'::jsonb)""", UUID.randomUUID(), poisonOrder,
				payload);
		try {
			String sku = this.api.createProduct(100, 10);
			String orderId = JsonPath.parse(this.api.placeOrder(newCustomer(), sku, 1).body()).read("$.id");

			this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT);

			Map<String, Object> parked = this.jdbc
				.queryForMap("select parked_at, last_error from outbox_event where order_id = ?", poisonOrder);
			assertThat(parked.get("parked_at")).isNotNull();
			assertThat((String) parked.get("last_error")).contains("RecordTooLargeException");
			assertThat(this.log.of(poisonOrder.toString())).isEmpty();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(this.meters.get("outbox.parked.rows").gauge().value()).isPositive());
			assertThat(this.meters.get("outbox.publish.failures")
				.tag("exception", "RecordTooLargeException")
				.counter()
				.count()).isPositive();
		}
		finally {
			this.jdbc.update("delete from outbox_event where order_id = ?", poisonOrder);
		}
	}

	@Test
	void exportsTheOutboxMetricsForPrometheus() {
		String sku = this.api.createProduct(100, 10);
		String orderId = JsonPath.parse(this.api.placeOrder(newCustomer(), sku, 1).body()).read("$.id");
		this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT);

		HttpResponse<String> scrape = this.api.as(TestTokens.monitoring()).get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("outbox_pending_rows", "outbox_oldest_pending_age_seconds",
				"outbox_parked_rows", "outbox_published_total", "outbox_commit_to_publish_seconds_bucket",
				"outbox_commit_to_publish_seconds_count", "outbox_relay_active");
		assertThat(this.meters.get("outbox.relay.active").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("outbox.commit.to.publish").timer().count()).isPositive();
	}

	private int outboxRows(String orderId) {
		return this.jdbc.queryForObject("select count(*) from outbox_event where order_id = ?::uuid", Integer.class,
				orderId);
	}

}
