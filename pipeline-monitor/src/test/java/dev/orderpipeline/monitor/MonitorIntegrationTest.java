package dev.orderpipeline.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import com.sun.net.httpserver.HttpServer;
import dev.orderpipeline.monitor.pipeline.GroupView;
import dev.orderpipeline.monitor.pipeline.PipelineRefresher;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application context for every integration test of the monitor, against the real
 * test broker and the test identity provider (requests go as an ops user unless a test
 * says otherwise). Records on the source topic are written once, with timestamps set
 * explicitly, so every test knows exactly which record sits at which offset; each test
 * uses its own consumer groups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pipeline.monitor.source-topic=" + MonitorIntegrationTest.SOURCE,
				"pipeline.monitor.refresh-interval=300ms", "pipeline.monitor.stall-after=2s",
				"pipeline.monitor.trend-window=2s", "pipeline.monitor.kafka-timeout=5s",
				"pipeline.monitor.groups.down-check.service-url=http://127.0.0.1:1",
				// As the local run configures each consumer it finds.
				"pipeline.monitor.groups.notification-service.service-url=http://127.0.0.1:8081" })
@WithRealInfrastructure
abstract class MonitorIntegrationTest {

	static final String SOURCE = "monitor-source";

	/** Record i of partition 0 was written at BASE + i seconds; partition 1 likewise. */
	static final Instant BASE = Instant.now()
		.minus(Duration.ofMinutes(10))
		.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

	static final int PARTITION_0_RECORDS = 10;

	static final int PARTITION_1_RECORDS = 5;

	/** Stands in for a consumer service and for order-service's Prometheus endpoint. */
	static final HttpServer stub = startStub();

	static final List<String> stubRequests = new CopyOnWriteArrayList<>();

	/** The Authorization header of each replay the stub received ("none" without). */
	static final List<String> stubAuthorizations = new CopyOnWriteArrayList<>();

	static final String PARKED_ROWS = """
			{"rows": [{"id": 7, "eventId": "5f0c7a52-3c51-4a53-9a1c-1d8c0e0f3a11",
			           "orderId": "0191f0aa-0000-7000-8000-000000000001", "eventType": "order.placed.v2",
			           "sequence": 1, "createdAt": "2026-12-03T07:00:00Z", "parkedAt": "2026-12-03T07:00:01Z",
			           "lastError": "org.apache.kafka.common.errors.RecordTooLargeException: too large",
			           "payloadBytes": 204800}],
			 "nextAfter": null}""";

	/** What the stubbed order-service ops API received, and with which Authorization. */
	static final List<String> orderServiceRequests = new CopyOnWriteArrayList<>();

	static final List<String> orderServiceAuthorizations = new CopyOnWriteArrayList<>();

	private static boolean sourceWritten;

	/**
	 * Boot's factories, not its properties: they carry the connection details of either
	 * infrastructure.
	 */
	@Autowired
	ProducerFactory<?, ?> producerFactory;

	@Autowired
	ConsumerFactory<?, ?> consumerFactory;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	PipelineRefresher refresher;

	@Value("${local.server.port}")
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void stubbedServices(DynamicPropertyRegistry registry) {
		String base = "http://127.0.0.1:" + stub.getAddress().getPort();
		registry.add("pipeline.monitor.groups.replay-check.service-url", () -> base);
		registry.add("pipeline.monitor.order-service.prometheus-url", () -> base + "/actuator/prometheus");
	}

	@BeforeEach
	void writeSourceTopicOnce() throws Exception {
		synchronized (MonitorIntegrationTest.class) {
			if (sourceWritten) {
				return;
			}
			createTopic(SOURCE, 3);
			produce(SOURCE, 0, PARTITION_0_RECORDS);
			produce(SOURCE, 1, PARTITION_1_RECORDS);
			sourceWritten = true;
		}
	}

	String bootstrapServers() {
		Object servers = this.kafkaAdmin.getConfigurationProperties().get("bootstrap.servers");
		return (servers instanceof java.util.Collection<?> list)
				? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(servers);
	}

	void createTopic(String topic, int partitions) throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/** Writes {@code count} records to a partition, record i stamped BASE + i s. */
	void produce(String topic, int partition, int count) {
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(topic, partition, BASE.plusSeconds(i).toEpochMilli(), "key-" + i,
						"value-" + i));
			}
			producer.flush();
		}
	}

	/**
	 * A consumer in {@code group} that is not subscribed, so the group has no members.
	 */
	KafkaConsumer<String, String> consumer(String group) {
		Map<String, Object> config = new HashMap<>(this.consumerFactory.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	void commit(String group, Map<TopicPartition, Long> offsets) {
		try (var consumer = consumer(group)) {
			commit(consumer, offsets);
		}
	}

	static void commit(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> offsets) {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
		consumer.commitSync(commits);
	}

	static TopicPartition source(int partition) {
		return new TopicPartition(SOURCE, partition);
	}

	Optional<GroupView> group(String name) {
		return this.refresher.latest().groups().stream().filter((g) -> g.group().equals(name)).findFirst();
	}

	/** A GET as an ops user. */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return getAs(path, TestTokens.ops());
	}

	/**
	 * A GET with a bearer token.
	 * @param token the access token, {@code null} for none
	 */
	HttpResponse<String> getAs(String path, String token) throws IOException, InterruptedException {
		return this.http.send(authorized(HttpRequest.newBuilder(uri(path)), token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The monitor's Prometheus text, read as Prometheus does (role monitoring). */
	String prometheusText() throws IOException, InterruptedException {
		HttpResponse<String> response = getAs("/actuator/prometheus", TestTokens.monitoring());
		assertThat(response.statusCode()).as("scrape with a monitoring token").isEqualTo(200);
		return response.body();
	}

	/**
	 * A POST as the status page sends it for an ops user, with the header that proves it
	 * comes from the page.
	 */
	HttpResponse<String> post(String path) throws IOException, InterruptedException {
		return postAs(path, TestTokens.ops());
	}

	/**
	 * A POST as the status page sends it, with a bearer token.
	 * @param token the access token, {@code null} for none
	 */
	HttpResponse<String> postAs(String path, String token) throws IOException, InterruptedException {
		return this.http
			.send(authorized(HttpRequest.newBuilder(uri(path)), token).header("X-Pipeline-Monitor", "replay")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
		return (token != null) ? request.header("Authorization", TestTokens.bearer(token)) : request;
	}

	private static HttpServer startStub() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/dead-letters/replay-all", (exchange) -> {
				stubAuthorizations
					.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("none"));
				stubRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
				respond(exchange, 202, "application/json", "{\"replayed\":2}");
			});
			// order-service's ops API for parked outbox rows: one parked row, 7; a
			// re-queue
			// with the reason "bad" gets order-service's validation problem.
			server.createContext("/ops/outbox/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				orderServiceAuthorizations
					.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("none"));
				orderServiceRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
						+ (body.isEmpty() ? "" : " " + body));
				String path = exchange.getRequestURI().getPath();
				if (path.equals("/ops/outbox/parked")) {
					respond(exchange, 200, "application/json", PARKED_ROWS);
				}
				else if (path.equals("/ops/outbox/requeues")) {
					respond(exchange, 200, "application/json", "[]");
				}
				else if (body.contains("\"bad\"")) {
					respond(exchange, 400, "application/problem+json", """
							{"type": "https://errors.orderpipeline.dev/validation", "title": "Invalid request",
							 "status": 400, "detail": "The request has 1 invalid field(s).",
							 "errors": [{"field": "reason", "message": "must be 1-500 printable characters"}]}""");
				}
				else {
					respond(exchange, 200, "application/json", "{\"requeued\": 1, \"audit\": []}");
				}
			});
			server.createContext("/actuator/prometheus", (exchange) -> respond(exchange, 200, "text/plain", """
					# HELP outbox_pending_rows Outbox rows not yet published
					# TYPE outbox_pending_rows gauge
					outbox_pending_rows{application="order-service"} 12.0
					# TYPE outbox_oldest_pending_age_seconds gauge
					outbox_oldest_pending_age_seconds{application="order-service"} 3.5
					"""));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
