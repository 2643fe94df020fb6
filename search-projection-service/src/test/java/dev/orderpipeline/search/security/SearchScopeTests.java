package dev.orderpipeline.search.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestLine;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

/**
 * Who finds which orders, with documents projected from real events: tenant X's and
 * tenant Y's orders share the search word, and one customer id exists in both tenants;
 * whatever the token and the filters, a search returns only the caller's tenant's orders,
 * and for a customer only their own. Refusals are problem documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchScopeTests {

	private static final Instant BASE = Instant.parse("2026-02-01T10:00:00Z");

	private final HttpClient http = HttpClient.newHttpClient();

	/** Letters only, so the text search parser keeps it one word. */
	private final String word = "s" + ThreadLocalRandom.current()
		.ints(8, 'a', 'z' + 1)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

	private final String tenantX = "x-" + this.word;

	private final String tenantY = "y-" + this.word;

	private final String ana = "ana-" + this.word;

	private final String ben = "ben-" + this.word;

	private final UUID anasFirst = UUID.randomUUID();

	private final UUID anasSecond = UUID.randomUUID();

	private final UUID bensOrder = UUID.randomUUID();

	/** Tenant Y, by a customer with ana's id. */
	private final UUID otherTenantsAna = UUID.randomUUID();

	/** From before tenancy: tenant default. */
	private final UUID legacyAna = UUID.randomUUID();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@BeforeAll
	void placeOrdersInTwoTenants() throws Exception {
		TestLine pen = new TestLine("PEN-" + this.word, "Pen " + this.word, 1, 1000);
		TestOrders.send(this.producerFactory,
				TestOrders.order(this.anasFirst)
					.tenant(this.tenantX)
					.customer(this.ana, "ana@example.com")
					.placedAt(hours(1))
					.line(pen)
					.placed(),
				TestOrders.order(this.anasSecond)
					.version(1)
					.tenant(this.tenantX)
					.customer(this.ana, "ana@example.com")
					.placedAt(hours(2))
					.line(pen)
					.placed(),
				TestOrders.order(this.bensOrder)
					.tenant(this.tenantX)
					.customer(this.ben, "ben@example.com")
					.placedAt(hours(3))
					.line(pen)
					.placed(),
				TestOrders.order(this.otherTenantsAna)
					.tenant(this.tenantY)
					.customer(this.ana, "ana@example.com")
					.placedAt(hours(4))
					.line(pen)
					.placed(),
				TestOrders.order(this.legacyAna)
					.tenant(null)
					.customer(this.ana, "ana@example.com")
					.placedAt(hours(5))
					.line(pen)
					.placed());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from order_document where order_id in (?, ?, ?, ?, ?)", Integer.class,
					this.anasFirst, this.anasSecond, this.bensOrder, this.otherTenantsAna, this.legacyAna) == 5);
	}

	@Test
	void aCustomerFindsOnlyTheirOwnOrdersOfTheirTenant() throws Exception {
		String ana = TestTokens.customer(this.ana, this.tenantX);

		assertThat(found("q=" + this.word, ana)).containsExactly(this.anasSecond, this.anasFirst);
		assertThat(found("sku=PEN-" + this.word, ana)).containsExactly(this.anasSecond, this.anasFirst);
		assertThat(found("q=" + this.word + "&customerId=" + this.ben, ana)).as("another customer's id").isEmpty();
		assertThat(found("q=ben@example.com", ana)).isEmpty();
		assertThat(found("q=" + this.word, TestTokens.customer(this.ben, this.tenantX)))
			.containsExactly(this.bensOrder);
	}

	@Test
	void theSameCustomerIdInAnotherTenantIsAnotherCustomer() throws Exception {
		assertThat(found("q=" + this.word, TestTokens.customer(this.ana, this.tenantY)))
			.containsExactly(this.otherTenantsAna);
		assertThat(found("q=" + this.word, TestTokens.customer(this.ana, "default"))).containsExactly(this.legacyAna);
	}

	@Test
	void adminsAndOpsUsersFindEveryOrderOfTheirTenantOnly() throws Exception {
		assertThat(found("q=" + this.word, TestTokens.admin(this.tenantX))).containsExactly(this.bensOrder,
				this.anasSecond, this.anasFirst);
		assertThat(found("customerId=" + this.ana, TestTokens.token(TestTokens.OPS_SUBJECT, this.tenantX, null, "ops")))
			.containsExactly(this.anasSecond, this.anasFirst);
		assertThat(found("q=" + this.word, TestTokens.token(TestTokens.OPS_SUBJECT, this.tenantY, null, "ops")))
			.containsExactly(this.otherTenantsAna);
		assertThat(found("q=" + this.word, TestTokens.admin("nobody-" + this.word))).isEmpty();
	}

	@Test
	void scrapersMayNotSearchAndCustomersMayNotRunOperations() throws Exception {
		assertRefused(send("GET", "/search/orders?q=" + this.word, TestTokens.monitoring()), 403);
		String customer = TestTokens.customer(this.ana, this.tenantX);
		assertRefused(send("POST", "/projection/rebuild", customer), 403);
		assertRefused(send("GET", "/projection/rebuild/1", customer), 403);
		assertRefused(send("GET", "/dead-letters", customer), 403);
		assertRefused(send("POST", "/dead-letters/replay-all", customer), 403);
		assertRefused(send("POST", "/projection/rebuild", TestTokens.admin(this.tenantX)), 403);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from projection_rebuild where state not in ('DONE', 'FAILED')", Integer.class))
			.as("no rebuild was started")
			.isZero();
	}

	@Test
	void callersWithoutAValidTokenGetA401Problem() throws Exception {
		assertRefused(send("GET", "/search/orders?q=" + this.word, null), 401);
		assertRefused(send("GET", "/search/orders?q=" + this.word, TestTokens.expired(this.ana, this.tenantX)), 401);
		assertRefused(
				send("GET", "/search/orders?q=" + this.word, TestTokens.signedByAnotherKey(this.ana, this.tenantX)),
				401);
		assertRefused(send("POST", "/projection/rebuild", null), 401);
	}

	private void assertRefused(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.parse(response.body()).read("$.status", Integer.class)).isEqualTo(status);
		assertThat(response.body()).doesNotContain(this.word);
		if (status == 401) {
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		}
	}

	private List<UUID> found(String query, String token) throws Exception {
		HttpResponse<String> response = send("GET", "/search/orders?" + query, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> ids = JsonPath.parse(response.body()).read("$.items[*].orderId");
		return ids.stream().map(UUID::fromString).toList();
	}

	private HttpResponse<String> send(String method, String pathAndQuery, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", TestTokens.bearer(token));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Instant hours(int n) {
		return BASE.plus(Duration.ofHours(n));
	}

}
