package dev.orderpipeline.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service must prove about its wiring: it boots against the real PostgreSQL
 * and Kafka, migrates and uses its own database, produces and consumes with its own Kafka
 * settings, and reports health (open) and metrics (monitoring or ops role only). A
 * service's test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}
 * and {@link WithRealInfrastructure}.
 */
public abstract class ServiceInfrastructureContract {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@Value("${pipeline.database-name}")
	private String databaseName;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private KafkaProperties kafkaProperties;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	@Test
	void healthIsUpAndIncludesTheDatabaseAndKafka() throws Exception {
		HttpResponse<String> response = get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext health = JsonPath.parse(response.body());
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.db.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.kafka.status", String.class)).isEqualTo("UP");
	}

	@Test
	void exposesPrometheusMetricsWithHttpLatencyHistograms() throws Exception {
		get("/actuator/health");
		HttpResponse<String> response = get("/actuator/prometheus", TestTokens.monitoring());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes")
			.contains("hikaricp_connections_active")
			// Buckets, not client-side percentiles: Prometheus aggregates them across
			// instances.
			.contains("http_server_requests_seconds_bucket{")
			.contains("le=\"0.025\"");
	}

	@Test
	void healthIsOpenButMetricsNeedTheMonitoringOrOpsRole() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", TestTokens.customer()).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/prometheus", TestTokens.ops()).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics", TestTokens.monitoring()).statusCode()).isEqualTo(403);
	}

	@Test
	void migratesWritesAndReadsItsOwnDatabase() {
		assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo(databaseName);
		assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
			.isPositive();

		String marker = UUID.randomUUID().toString();
		jdbc.execute("create temporary table if not exists wiring_check (marker text) on commit preserve rows");
		jdbc.update("insert into wiring_check (marker) values (?)", marker);
		assertThat(jdbc.queryForList("select marker from wiring_check", String.class)).contains(marker);
	}

	@Test
	void producesAndConsumesWithItsOwnKafkaSettings() {
		String topic = "wiring-check-" + UUID.randomUUID();
		kafkaAdmin.createOrModifyTopics(new NewTopic(topic, 1, (short) 1));
		String value = UUID.randomUUID().toString();

		try (var producer = new KafkaProducer<>(kafkaProperties.buildProducerProperties(), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "key", value));
		}

		Map<String, Object> consumerConfig = kafkaProperties.buildConsumerProperties();
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
				return received.contains(value);
			});
		}
	}

	protected HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A GET with {@code Authorization: Bearer token}. */
	protected HttpResponse<String> get(String path, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", TestTokens.bearer(token))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
