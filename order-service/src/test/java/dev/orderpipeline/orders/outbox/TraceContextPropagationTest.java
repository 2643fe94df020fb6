package dev.orderpipeline.orders.outbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.orders.order.OrderEventRecorder;
import dev.orderpipeline.orders.order.domain.OrderEvent;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.outbox.EventLog.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The W3C trace context of a request reaches the outbox row and the published record: the
 * row stores the request's server span (a child of the caller's {@code traceparent}, or a
 * new trace without one) and the record carries the relay's publication span of the same
 * trace. The row is read inside the order's transaction, before any relay (of this or
 * another test context) can publish and delete it. A context of its own (for that read)
 * whose relay does not start by itself: each test runs one while it needs it, so that
 * between tests at most one relay per context competes for the lock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orders.outbox.relay.enabled=false")
@WithRealInfrastructure
@Import(TraceContextPropagationTest.RowCapture.class)
class TraceContextPropagationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String W3C_TRACEPARENT = "00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}";

	@Value("${local.server.port}")
	int port;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	StoredTraceparents stored;

	@Autowired
	RelayFactory relays;

	@Autowired
	org.springframework.core.env.Environment environment;

	OrderApi api;

	EventLog log;

	OutboxRelay relay;

	@BeforeEach
	void open() {
		this.api = new OrderApi(this.port);
		this.log = EventLog.open(this.kafka);
		this.relay = this.relays.create("trace-test-relay", RelaySettings.from(this.environment), false);
		this.relay.start();
	}

	@AfterEach
	void close() {
		this.relay.stop();
		this.log.close();
	}

	@Test
	void theCallersTraceIdReachesTheOutboxRowAndThePublishedRecord() {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		String callerSpanId = "b7ad6b7169203331";
		String sku = this.api.createProduct(300, 5);

		HttpResponse<String> placed = this.api.asCustomer(newCustomer())
			.post("/orders", OrderApi.orderJson(sku, 1), "traceparent", "00-" + traceId + "-" + callerSpanId + "-01");

		assertThat(placed.statusCode()).isEqualTo(201);
		String orderId = JsonPath.parse(placed.body()).read("$.id");
		String row = this.stored.of(orderId);
		assertThat(row).matches(W3C_TRACEPARENT);
		assertThat(traceId(row)).isEqualTo(traceId);
		// The request's own server span, not the caller's span copied through.
		assertThat(spanId(row)).isNotEqualTo(callerSpanId);
		String published = header(this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT).get(0),
				"traceparent");
		assertThat(published).matches(W3C_TRACEPARENT);
		assertThat(traceId(published)).isEqualTo(traceId);
	}

	@Test
	void aRequestWithoutTraceparentStillGivesItsEventAFreshTrace() {
		String sku = this.api.createProduct(300, 5);

		HttpResponse<String> placed = this.api.placeOrder(newCustomer(), sku, 1);

		assertThat(placed.statusCode()).isEqualTo(201);
		String orderId = JsonPath.parse(placed.body()).read("$.id");
		String row = this.stored.of(orderId);
		assertThat(row).matches(W3C_TRACEPARENT);
		ConsumerRecord<String, byte[]> record = this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT)
			.get(0);
		assertThat(header(record, "traceparent")).matches(W3C_TRACEPARENT);
		assertThat(traceId(header(record, "traceparent"))).isEqualTo(traceId(row));
	}

	private static String traceId(String traceparent) {
		return traceparent.split("-")[1];
	}

	private static String spanId(String traceparent) {
		return traceparent.split("-")[2];
	}

	/** The {@code traceparent} each order's latest outbox row stored, by order id. */
	static final class StoredTraceparents {

		private final Map<String, String> byOrder = new ConcurrentHashMap<>();

		String of(String orderId) {
			return this.byOrder.get(orderId);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RowCapture {

		@Bean
		StoredTraceparents storedTraceparents() {
			return new StoredTraceparents();
		}

		/**
		 * The application's outbox writer, then a read of the row it wrote, in the same
		 * transaction: nothing outside it can see (or publish) the row yet.
		 */
		@Bean
		@Primary
		OrderEventRecorder rowCapturingRecorder(@Qualifier("outboxWriter") OrderEventRecorder writer, JdbcClient jdbc,
				StoredTraceparents stored) {
			return (OrderEvent event) -> {
				writer.record(event);
				String traceparent = jdbc.sql(
						"select headers ->> 'traceparent' from outbox_event where order_id = ? order by id desc limit 1")
					.param(event.orderId())
					.query(String.class)
					.list()
					.get(0);
				stored.byOrder.put(event.orderId().toString(), String.valueOf(traceparent));
			};
		}

	}

}
