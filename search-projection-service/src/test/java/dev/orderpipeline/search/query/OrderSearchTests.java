package dev.orderpipeline.search.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.DocumentContext;
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
 * {@code GET /search/orders} over HTTP against documents projected from real events.
 * Every order here carries a token unique to this run in its SKUs, product names and
 * customer ids, so the assertions see only these orders whatever else the shared topic
 * holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSearchTests {

	private static final Instant BASE = Instant.parse("2026-01-05T10:00:00Z");

	private final HttpClient http = HttpClient.newHttpClient();

	/** Letters only, so the text search parser keeps it one word. */
	private final String token = "z" + ThreadLocalRandom.current()
		.ints(8, 'a', 'z' + 1)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

	private final UUID o1 = UUID.randomUUID();

	private final UUID o2 = UUID.randomUUID();

	private final UUID o3 = UUID.randomUUID();

	private final UUID o4 = UUID.randomUUID();

	private final UUID o5 = UUID.randomUUID();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@BeforeAll
	void placeOrders() throws Exception {
		TestLine pen = new TestLine("PEN-" + this.token, "Fountain pen " + this.token, 2, 1250);
		TestLine ink = new TestLine("INK-" + this.token, "Ink bottle " + this.token, 1, 400);
		TestLine pad = new TestLine("PAD-" + this.token, "Paper pad " + this.token, 3, 300);
		TestOrders.send(this.producerFactory,
				TestOrders.order(this.o1)
					.version(1)
					.customer(customer(1), email("ada"))
					.placedAt(hours(1))
					.lines(pen, ink)
					.taxPercent(10)
					.placed(),
				TestOrders.order(this.o2)
					.customer(customer(1), email("ada"))
					.placedAt(hours(2))
					.line(pad)
					.taxPercent(10)
					.placed(),
				TestOrders.order(this.o2)
					.version(1)
					.cancelledAt(hours(2).plusSeconds(60))
					.reason("changed mind")
					.cancelled(),
				TestOrders.order(this.o3)
					.customer(customer(2), email("bo"))
					.placedAt(hours(3))
					.line(pen)
					.taxPercent(10)
					.placed(),
				TestOrders.order(this.o4)
					.version(1)
					.customer(customer(2), email("bo"))
					.placedAt(hours(4))
					.line(ink)
					.taxPercent(10)
					.placed(),
				TestOrders.order(this.o5)
					.customer(customer(3), email("cy"))
					.placedAt(hours(5))
					.line(pen)
					.taxPercent(10)
					.placed());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from order_document where order_id in (?, ?, ?, ?, ?) and "
							+ "(order_id <> ? or status = 'CANCELLED')",
					Integer.class, this.o1, this.o2, this.o3, this.o4, this.o5, this.o2) == 5);
	}

	@Test
	void fullTextMatchesProductNamesNewestFirst() throws Exception {
		assertThat(orderIds(get("q=fountain " + this.token))).containsExactly(this.o5, this.o3, this.o1);
	}

	@Test
	void fullTextMatchesSkusAndCustomerEmails() throws Exception {
		assertThat(orderIds(get("q=INK-" + this.token))).containsExactly(this.o4, this.o1);
		assertThat(orderIds(get("q=" + email("ada")))).containsExactly(this.o2, this.o1);
	}

	@Test
	void filtersByStatusCustomerAndSku() throws Exception {
		assertThat(orderIds(get("q=" + this.token + "&status=CANCELLED"))).containsExactly(this.o2);
		assertThat(orderIds(get("q=" + this.token + "&status=placed"))).containsExactly(this.o5, this.o4, this.o3,
				this.o1);
		assertThat(orderIds(get("customerId=" + customer(1)))).containsExactly(this.o2, this.o1);
		assertThat(orderIds(get("sku=PEN-" + this.token))).containsExactly(this.o5, this.o3, this.o1);
		assertThat(orderIds(get("sku=PEN-" + this.token + "&customerId=" + customer(2)))).containsExactly(this.o3);
	}

	@Test
	void filtersByPlacementTimeFromInclusiveToExclusive() throws Exception {
		assertThat(orderIds(get("q=" + this.token + "&from=" + hours(2) + "&to=" + hours(4)))).containsExactly(this.o3,
				this.o2);
	}

	@Test
	void pagesThroughAllMatchesInAStableOrder() throws Exception {
		DocumentContext first = get("q=" + this.token + "&size=2");
		DocumentContext second = get("q=" + this.token + "&size=2&page=1");
		DocumentContext last = get("q=" + this.token + "&size=2&page=2");

		assertThat(orderIds(first)).containsExactly(this.o5, this.o4);
		assertThat(first.read("$.hasNext", Boolean.class)).isTrue();
		assertThat(orderIds(second)).containsExactly(this.o3, this.o2);
		assertThat(orderIds(last)).containsExactly(this.o1);
		assertThat(last.read("$.hasNext", Boolean.class)).isFalse();
		assertThat(last.read("$.page", Integer.class)).isEqualTo(2);
		assertThat(last.read("$.size", Integer.class)).isEqualTo(2);
	}

	@Test
	void returnsTheWholeDocumentWithLinesAndTotals() throws Exception {
		DocumentContext result = get("sku=INK-" + this.token + "&customerId=" + customer(1));

		assertThat(result.read("$.items.length()", Integer.class)).isEqualTo(1);
		DocumentContext order = JsonPath.parse((Object) result.read("$.items[0]"));
		assertThat(order.read("$.orderId", String.class)).isEqualTo(this.o1.toString());
		assertThat(order.read("$.status", String.class)).isEqualTo("PLACED");
		assertThat(order.read("$.customer.id", String.class)).isEqualTo(customer(1));
		assertThat(order.read("$.customer.email", String.class)).isEqualTo(email("ada"));
		assertThat(order.read("$.lines[*].sku", List.class)).containsExactly("PEN-" + this.token, "INK-" + this.token);
		assertThat(order.read("$.lines[0].productName", String.class)).isEqualTo("Fountain pen " + this.token);
		assertThat(order.read("$.lines[0].quantity", Integer.class)).isEqualTo(2);
		assertThat(order.read("$.lines[0].unitPrice.amount", Long.class)).isEqualTo(1250L);
		assertThat(order.read("$.lines[0].lineTotal.amount", Long.class)).isEqualTo(2500L);
		assertThat(order.read("$.totals.subtotal.amount", Long.class)).isEqualTo(2900L);
		assertThat(order.read("$.totals.tax.amount", Long.class)).isEqualTo(290L);
		assertThat(order.read("$.totals.total.amount", Long.class)).isEqualTo(3190L);
		assertThat(order.read("$.totals.total.currency", String.class)).isEqualTo("EUR");
		assertThat(order.read("$.placedAt", String.class)).isEqualTo(hours(1).toString());
		assertThat(order.read("$.lastSequence", Long.class)).isEqualTo(1L);
	}

	@Test
	void rejectsBadParametersWithAProblemDocumentNamingEachOne() throws Exception {
		HttpResponse<String> response = send("status=SHIPPED&size=0&page=-1&from=yesterday&customerId=x");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.status", Integer.class)).isEqualTo(400);
		assertThat(problem.read("$.title", String.class)).isEqualTo("Invalid search parameters");
		assertThat(problem.read("$.errors[*].field", List.class)).containsExactlyInAnyOrder("status", "size", "page",
				"from");
	}

	@Test
	void rejectsAnEmptyTimeRangeTooLargePagesAndOverlongQueries() throws Exception {
		assertThat(errorFields(send("from=" + hours(4) + "&to=" + hours(2)))).containsExactly("to");
		assertThat(errorFields(send("size=101"))).containsExactly("size");
		assertThat(errorFields(send("size=100&page=100"))).containsExactly("page");
		assertThat(errorFields(send("page=abc"))).containsExactly("page");
		assertThat(errorFields(send("q=" + "a".repeat(201)))).containsExactly("q");
	}

	private List<String> errorFields(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		List<String> fields = JsonPath.parse(response.body()).read("$.errors[*].field");
		return fields;
	}

	private DocumentContext get(String query) throws Exception {
		HttpResponse<String> response = send(query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private HttpResponse<String> send(String query) throws Exception {
		URI uri = new URI("http", null, "localhost", this.port, "/search/orders", query, null);
		// an admin sees the whole tenant, so every filter is exercised here
		return this.http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", TestTokens.bearer(TestTokens.admin(TestOrders.TENANT)))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<UUID> orderIds(DocumentContext result) {
		List<String> ids = result.read("$.items[*].orderId");
		return ids.stream().map(UUID::fromString).toList();
	}

	private String customer(int n) {
		return "cust-" + n + "-" + this.token;
	}

	private String email(String name) {
		return name + "-" + this.token + "@example.com";
	}

	private static Instant hours(int n) {
		return BASE.plus(Duration.ofHours(n));
	}

}
