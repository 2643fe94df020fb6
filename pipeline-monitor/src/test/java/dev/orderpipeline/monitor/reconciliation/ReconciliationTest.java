package dev.orderpipeline.monitor.reconciliation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.testing.EmbeddedInfrastructure;
import dev.orderpipeline.testing.TestIdentityProvider;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithTestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation against the real thing: the monitor checks an orders database on the
 * embedded PostgreSQL against a topic on the embedded broker and against the real
 * search-projection-service, which consumes that topic in a JVM of its own. A row the
 * consumer wrote is deleted by hand (as a restore from an older backup would lose it);
 * reconciliation names the missing event, one audited re-delivery repairs it, and
 * reconciliation is clean again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pipeline.monitor.refresh-interval=2s", "pipeline.monitor.discover-groups=false",
				"pipeline.monitor.reconciliation.interval=5s" })
@WithTestIdentityProvider
class ReconciliationTest {

	static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	static final String GROUP = "search-projection-service-" + SUFFIX;

	static final Instant STARTED = Instant.now();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ReconciledStores stores = new ReconciledStores(EmbeddedInfrastructure.get(), SUFFIX);

	static ConsumerServiceProcess search;

	final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stores(DynamicPropertyRegistry registry) {
		String prefix = "pipeline.monitor.reconciliation.";
		registry.add("spring.kafka.bootstrap-servers", stores::bootstrapServers);
		registry.add("pipeline.monitor.source-topic", () -> stores.topic);
		registry.add("pipeline.monitor.groups." + GROUP + ".service-url", () -> "http://127.0.0.1:1");
		registry.add(prefix + "orders.url", () -> stores.jdbcUrl(stores.ordersDatabase));
		registry.add(prefix + "orders.username", () -> PostgresServer.USER);
		registry.add(prefix + "orders.password", () -> PostgresServer.PASSWORD);
		String consumer = prefix + "consumers." + GROUP + ".";
		registry.add(consumer + "kind", () -> "SEARCH");
		registry.add(consumer + "database.url", () -> stores.jdbcUrl(stores.consumerDatabase));
		registry.add(consumer + "database.username", () -> PostgresServer.USER);
		registry.add(consumer + "database.password", () -> PostgresServer.PASSWORD);
	}

	@BeforeAll
	static void startConsumerService() {
		Map<String, String> properties = new LinkedHashMap<>(TestIdentityProvider.get().resourceServerProperties());
		properties.put("spring.kafka.bootstrap-servers", stores.bootstrapServers());
		properties.put("spring.datasource.url", stores.jdbcUrl(stores.consumerDatabase));
		properties.put("spring.datasource.username", PostgresServer.USER);
		properties.put("spring.datasource.password", PostgresServer.PASSWORD);
		properties.put("pipeline.consumer.topic", stores.topic);
		properties.put("pipeline.consumer.group-id", GROUP);
		search = ConsumerServiceProcess.start("search-projection-service.jar", "search-projection-service-" + SUFFIX,
				properties);
	}

	@AfterAll
	static void stopConsumerService() throws InterruptedException {
		if (search != null) {
			search.close();
		}
	}

	@Test
	void aConsumerRowDeletedByHandIsNamedMissingAndOneAuditedRedeliveryRepairsIt() throws Exception {
		List<ReconciledStores.PlacedOrder> orders = List.of(stores.place(), stores.place(), stores.place());
		JsonNode clean = awaitReconciliation((report) -> report.get("holds").asBoolean()
				&& account(report).get("applied").asLong() == 3 && account(report).get("pending").asLong() == 0);
		assertThat(account(clean).get("published").asLong()).isEqualTo(3);

		ReconciledStores.PlacedOrder lost = orders.get(1);
		assertThat(stores.execute(stores.consumerDatabase, "delete from processed_event where event_id = ?",
				lost.eventId()))
			.isEqualTo(1);
		assertThat(stores.execute(stores.consumerDatabase, "delete from order_document where order_id = ?",
				lost.orderId()))
			.isEqualTo(1);

		JsonNode broken = JSON.readTree(get("/api/reconciliation?from=" + STARTED.minusSeconds(60)).body());
		System.out.println("[reconciliation] before the re-delivery: " + account(broken));
		assertThat(broken.get("holds").asBoolean()).isFalse();
		JsonNode missingAccount = account(broken);
		assertThat(missingAccount.get("applied").asLong()).isEqualTo(2);
		assertThat(missingAccount.get("missingCount").asLong()).isEqualTo(1);
		JsonNode missing = missingAccount.get("missing").get(0);
		assertThat(missing.get("eventId").asString()).isEqualTo(lost.eventId().toString());
		assertThat(missing.get("subject").asString()).isEqualTo(lost.orderId().toString());
		assertThat(metric("reconciliation_missing_events{application=\"pipeline-monitor\",group=\"" + GROUP + "\"}"))
			.isEqualTo(1.0);

		String request = "{\"group\":\"%s\",\"partition\":%d,\"offset\":%d,\"eventId\":\"%s\"}";
		HttpResponse<String> otherEvent = post("/api/reconciliation/redeliver", request.formatted(GROUP,
				missing.get("partition").asInt(), missing.get("offset").asLong(), orders.get(0).eventId()),
				"redeliver");
		assertThat(otherEvent.statusCode()).as("not the event at those coordinates: " + otherEvent.body())
			.isEqualTo(409);
		assertThat(otherEvent.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> redelivered = post(
				"/api/reconciliation/redeliver", "{\"group\":\"%s\",\"partition\":%d,\"offset\":%d,\"eventId\":\"%s\"}"
					.formatted(GROUP, missing.get("partition").asInt(), missing.get("offset").asLong(), lost.eventId()),
				"redeliver");
		assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(200);
		JsonNode audit = JSON.readTree(redelivered.body());
		assertThat(audit.get("actor").asString()).isEqualTo(TestTokens.OPS_SUBJECT);
		assertThat(audit.get("target").asString()).startsWith(GROUP + "." + stores.topic + ".retry-0-");

		JsonNode repaired = awaitReconciliation((report) -> report.get("holds").asBoolean()
				&& account(report).get("applied").asLong() == 3 && account(report).get("pending").asLong() == 0);
		System.out.println("[reconciliation] after the re-delivery: " + account(repaired));
		assertThat(account(repaired).get("missingCount").asLong()).isZero();
		assertThat(metric("reconciliation_missing_events{application=\"pipeline-monitor\",group=\"" + GROUP + "\"}"))
			.isZero();
		assertThat(
				metric("reconciliation_redeliveries_total{application=\"pipeline-monitor\",group=\"" + GROUP + "\"}"))
			.isEqualTo(1.0);
		String exported = getAs("/actuator/prometheus", TestTokens.monitoring()).body();
		for (String line : Files
			.readAllLines(Path.of("src/test/resources/exported-metrics/pipeline-monitor-reconciliation.txt"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				assertThat(exported).as("exported for the alert rules").contains("\n" + line.split("\t")[0] + "{");
			}
		}
		JsonNode trail = JSON.readTree(get("/api/reconciliation/redeliveries").body());
		assertThat(trail).hasSize(1);
		assertThat(trail.get(0).get("eventId").asString()).isEqualTo(lost.eventId().toString());

		// The schedule (every 5 s here) covers the last 24 h: it finds the repaired state
		// too.
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode last = JSON.readTree(get("/api/reconciliation/last").body());
			assertThat(last.get("trigger").asString()).isEqualTo("scheduled");
			assertThat(last.get("holds").asBoolean()).as(last.toString()).isTrue();
			assertThat(account(last).get("applied").asLong()).isGreaterThanOrEqualTo(3);
		});
		assertThat(metric("reconciliation_last_run_timestamp_seconds{application=\"pipeline-monitor\"}"))
			.isGreaterThan(STARTED.getEpochSecond());
	}

	@Test
	void aRedeliveryOfNothingReconciliationCouldHaveListedIsRefused() throws Exception {
		String body = "{\"group\":\"%s\",\"partition\":%d,\"offset\":%d,\"eventId\":\"%s\"}";
		UUID event = UUID.randomUUID();
		assertThat(post("/api/reconciliation/redeliver", body.formatted(GROUP, 0, 0, event), null).statusCode())
			.as("without the confirmation header")
			.isEqualTo(403);
		assertThat(
				post("/api/reconciliation/redeliver", body.formatted("nobody", 0, 0, event), "redeliver").statusCode())
			.as("a group not reconciled here")
			.isEqualTo(404);
		HttpResponse<String> noRecord = post("/api/reconciliation/redeliver",
				body.formatted(GROUP, 0, 1_000_000, event), "redeliver");
		assertThat(noRecord.statusCode()).as("an offset with no record").isEqualTo(404);
		assertThat(noRecord.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(post("/api/reconciliation/redeliver", body.formatted(GROUP, 7, 0, event), "redeliver").statusCode())
			.as("a partition the topic does not have")
			.isEqualTo(404);
		assertThat(JSON.readTree(get("/api/reconciliation/redeliveries").body()).toString())
			.doesNotContain(event.toString());
	}

	@Test
	void aWindowThatIsNotOneIsAProblem() throws Exception {
		HttpResponse<String> response = get("/api/reconciliation?from=yesterday");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(get("/api/reconciliation?from=2026-12-02T10:00:00Z&to=2026-12-02T09:00:00Z").statusCode())
			.isEqualTo(400);
		assertThat(getAs("/api/reconciliation", TestTokens.customer()).statusCode()).isEqualTo(403);
	}

	private JsonNode awaitReconciliation(java.util.function.Predicate<JsonNode> settled) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(search.isAlive()).as("search-projection-service is running; its log:\n" + search.logTail())
				.isTrue();
			HttpResponse<String> response = get("/api/reconciliation?from=" + STARTED.minusSeconds(60));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			last[0] = JSON.readTree(response.body());
			assertThat(settled.test(last[0])).as("settled: " + response.body()).isTrue();
		});
		return last[0];
	}

	private static JsonNode account(JsonNode report) {
		for (JsonNode consumer : report.get("consumers")) {
			if (consumer.get("group").asString().equals(GROUP)) {
				return consumer;
			}
		}
		throw new AssertionError("No account of " + GROUP + " in " + report);
	}

	private double metric(String series) throws IOException, InterruptedException {
		String text = getAs("/actuator/prometheus", TestTokens.monitoring()).body();
		return text.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + series + " in\n" + text));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return getAs(path, TestTokens.ops());
	}

	private HttpResponse<String> getAs(String path, String token) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.bearer(token)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json, String confirmation)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", TestTokens.bearer(TestTokens.ops()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (confirmation != null) {
			request.header("X-Pipeline-Monitor", confirmation);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
