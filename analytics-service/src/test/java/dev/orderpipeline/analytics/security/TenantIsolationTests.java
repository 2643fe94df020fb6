package dev.orderpipeline.analytics.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two tenants' orders (and one from before tenancy) on the same day, in the same
 * currency, with SKUs of the same name, sent through the real broker: each tenant's admin
 * or ops user reads exactly their own tenant's figures, never a sum with the other's; a
 * tenant without orders reads nothing; customers and unauthenticated callers are refused
 * with problem documents. Uses 2031-08-01, a day no other test uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests {

	private static final Instant PLACED_AT = Instant.parse("2031-08-01T10:00:00Z");

	private static final String RANGE = "from=2031-08-01&to=2031-08-01";

	/** Unique per run: the database outlives a test run in the local infrastructure. */
	private final String tenantX = "x-" + UUID.randomUUID();

	private final String tenantY = "y-" + UUID.randomUUID();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void sendBothTenantsOrders() throws Exception {
		List<OutgoingEvent> events = new ArrayList<>();
		// tenant X: two orders of 2 x 1,000; one of them cancelled
		TestOrder x1 = TestOrders.order().placedAt(PLACED_AT).line("ISO-PEN", 2, 1_000).tenant(this.tenantX);
		TestOrder x2 = TestOrders.order()
			.placedAt(PLACED_AT)
			.version(1)
			.line("ISO-PEN", 2, 1_000)
			.tenant(this.tenantX)
			.cancelledAt(PLACED_AT.plusSeconds(60));
		// tenant Y: three orders of 5 x 7,000, the same SKU name and day
		for (int i = 0; i < 3; i++) {
			events.add(TestOrders.order()
				.placedAt(PLACED_AT)
				.version(1 + i % 2)
				.line("ISO-PEN", 5, 7_000)
				.tenant(this.tenantY)
				.placed());
		}
		events.addAll(List.of(x1.placed(), x2.placed(), x2.cancelled()));
		TestOrders.send(this.producerFactory, events);
		List<UUID> ids = events.stream().map((event) -> UUID.fromString(event.eventId())).toList();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from processed_event where event_id in (:ids)")
				.param("ids", ids)
				.query(Long.class)
				.single() == ids.size());
	}

	@Test
	void eachTenantsAdminOrOpsUserReadsOnlyThatTenantsFigures() throws Exception {
		JsonNode xDaily = ok("/analytics/daily?" + RANGE, TestTokens.admin(this.tenantX));
		assertThat(xDaily).hasSize(1);
		assertThat(xDaily.get(0).get("ordersPlaced").asLong()).isEqualTo(2);
		assertThat(xDaily.get(0).get("ordersCancelled").asLong()).isEqualTo(1);
		assertThat(xDaily.get(0).get("grossRevenue").get("amount").asLong()).isEqualTo(4_000);
		JsonNode xSkus = ok("/analytics/skus?" + RANGE,
				TestTokens.token(TestTokens.OPS_SUBJECT, this.tenantX, null, "ops"));
		assertThat(xSkus).hasSize(1);
		assertThat(xSkus.get(0).get("unitsSold").asLong()).isEqualTo(4);
		assertThat(
				ok("/analytics/summary?" + RANGE, TestTokens.token(TestTokens.OPS_SUBJECT, this.tenantX, null, "ops"))
					.get("ordersPlaced")
					.asLong())
			.isEqualTo(2);

		JsonNode yDaily = ok("/analytics/daily?" + RANGE,
				TestTokens.token(TestTokens.OPS_SUBJECT, this.tenantY, null, "ops"));
		assertThat(yDaily).hasSize(1);
		assertThat(yDaily.get(0).get("ordersPlaced").asLong()).isEqualTo(3);
		assertThat(yDaily.get(0).get("grossRevenue").get("amount").asLong()).isEqualTo(105_000);
		assertThat(ok("/analytics/skus?" + RANGE, TestTokens.admin(this.tenantY)).get(0).get("unitsSold").asLong())
			.isEqualTo(15);
	}

	@Test
	void aTenantWithoutOrdersReadsNothingOfTheOthers() throws Exception {
		String nobody = TestTokens.admin("empty-" + UUID.randomUUID());

		assertThat(ok("/analytics/daily?" + RANGE, nobody)).isEmpty();
		assertThat(ok("/analytics/skus?" + RANGE, nobody)).isEmpty();
		JsonNode summary = ok("/analytics/summary?" + RANGE, nobody);
		assertThat(summary.get("ordersPlaced").asLong()).isZero();
		assertThat(summary.get("currencies")).isEmpty();
	}

	@Test
	void eventsWithoutATenantCountForTheTenantDefault() throws Exception {
		TestOrder legacy = TestOrders.order()
			.placedAt(Instant.parse("2031-08-02T10:00:00Z"))
			.currency("CHF")
			.line("ISO-LEGACY", 1, 333)
			.tenant(null);
		OutgoingEvent placed = legacy.placed();
		TestOrders.send(this.producerFactory, List.of(placed));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from processed_event where event_id = :id")
				.param("id", UUID.fromString(placed.eventId()))
				.query(Long.class)
				.single() == 1);

		JsonNode inDefault = ok("/analytics/skus?from=2031-08-02&to=2031-08-02&currency=CHF",
				TestTokens.admin("default"));
		assertThat(inDefault).extracting((row) -> row.get("sku").asString()).contains("ISO-LEGACY");
		assertThat(ok("/analytics/skus?from=2031-08-02&to=2031-08-02&currency=CHF", TestTokens.admin(this.tenantX)))
			.isEmpty();
	}

	@Test
	void customersMayNotReadTenantWideFigures() throws Exception {
		for (String path : List.of("/analytics/daily?", "/analytics/skus?", "/analytics/summary?")) {
			HttpResponse<String> response = get(path + RANGE, TestTokens.customer("customer-ana", this.tenantX));

			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).doesNotContain("4000");
		}
	}

	@Test
	void callersWithoutAValidTokenGetA401Problem() throws Exception {
		List<String> badTokens = List.of(TestTokens.expired("customer-ana", this.tenantX),
				TestTokens.signedByAnotherKey("customer-ana", this.tenantX), TestTokens.withIssuer("https://elsewhere"),
				TestTokens.withAudience("another-api"));
		HttpResponse<String> none = this.http.send(HttpRequest.newBuilder(uri("/analytics/daily?" + RANGE)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertUnauthorized(none);
		for (String token : badTokens) {
			assertUnauthorized(get("/analytics/daily?" + RANGE, token));
		}
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(response.body()).doesNotContain("ordersPlaced");
	}

	private JsonNode ok(String path, String token) throws Exception {
		HttpResponse<String> response = get(path, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.bearer(token)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
