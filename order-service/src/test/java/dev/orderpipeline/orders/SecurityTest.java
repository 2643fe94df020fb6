package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.OrderApi.orderJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what on the order API: the token decides who the caller is, the role what it
 * may call, and the customer and tenant in the token which orders it can see at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class SecurityTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcTemplate jdbc;

	OrderApi api;

	String sku;

	@BeforeEach
	void connect() {
		this.api = new OrderApi(this.port);
		this.sku = this.api.createProduct(100, 100);
	}

	static List<Arguments> badTokens() {
		return List.of(Arguments.of("no token", null), Arguments.of("expired", TestTokens.expired()),
				Arguments.of("signed with another key", TestTokens.signedByAnotherKey()),
				Arguments.of("another issuer", TestTokens.withIssuer("https://evil.example")),
				Arguments.of("another audience", TestTokens.withAudience("some-other-api")),
				Arguments.of("not a JWT", "not-a-jwt"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void anInvalidOrMissingTokenIs401ProblemAndNothingIsPlaced(String name, String token) {
		long ordersBefore = count("orders");
		OrderApi caller = this.api.as(token);

		for (HttpResponse<String> response : List.of(caller.post("/orders", orderJson(this.sku, 1)),
				caller.get("/orders"), caller.get("/orders/" + UUID.randomUUID()),
				caller.post("/orders/" + UUID.randomUUID() + "/cancel", ""), caller.get("/products/" + this.sku))) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
			Map<String, Object> problem = OrderApi.problem(response);
			assertThat(problem).containsEntry("status", 401);
			assertThat(response.body()).doesNotContain("Exception", "org.", "java.");
		}
		assertThat(count("orders")).isEqualTo(ordersBefore);
	}

	@Test
	void aCustomerOnAdminEndpointsIs403ProblemAndNothingChanges() {
		OrderApi customer = this.api.asCustomer(newCustomer());

		List<HttpResponse<String>> responses = List.of(
				customer.post("/products",
						"""
								{"sku": "%s", "name": "Mine now", "price": {"amount": 1, "currency": "EUR"}}"""
							.formatted("X-" + UUID.randomUUID())),
				customer.put("/products/" + this.sku, """
						{"name": "Free", "price": {"amount": 0, "currency": "EUR"}, "active": true}"""),
				customer.put("/products/" + this.sku + "/stock", "{\"onHand\": 100000}"),
				customer.get("/actuator/prometheus"), customer.get("/actuator/metrics"));

		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
			assertThat(OrderApi.problem(response)).containsEntry("status", 403);
		});
		Map<String, Object> product = JsonPath.parse(this.api.asAdmin().get("/products/" + this.sku).body()).read("$");
		assertThat(product).containsEntry("onHand", 100)
			.containsEntry("price", Map.of("amount", 100, "currency", "EUR"));
	}

	@Test
	void catalogAdminsManageTheCatalogButDoNotUseTheCustomersOrderEndpoints() {
		OrderApi admin = this.api.asCatalogAdmin();

		assertThat(admin.put("/products/" + this.sku + "/stock", "{\"onHand\": 120}").statusCode()).isEqualTo(200);
		assertThat(admin.post("/orders", orderJson(this.sku, 1)).statusCode()).isEqualTo(403);
		assertThat(admin.get("/orders").statusCode()).isEqualTo(403);
		assertThat(this.api.as(TestTokens.ops()).post("/orders", orderJson(this.sku, 1)).statusCode()).isEqualTo(403);
	}

	@Test
	void aTenantAdminCannotChangeTheSharedCatalog() {
		// The catalog is shared by every tenant; acme's admin is a tenant role (issue 13
		// item 11: it could reprice, deactivate or zero stock for every tenant).
		OrderApi acmeAdmin = this.api.asAdmin();

		List<HttpResponse<String>> responses = List.of(
				acmeAdmin.post("/products",
						"""
								{"sku": "%s", "name": "Acme's own", "price": {"amount": 1, "currency": "EUR"}}"""
							.formatted("X-" + UUID.randomUUID())),
				acmeAdmin.put("/products/" + this.sku, """
						{"name": "Repriced", "price": {"amount": 1, "currency": "EUR"}, "active": true}"""),
				acmeAdmin.put("/products/" + this.sku, """
						{"name": "Gone", "price": {"amount": 100, "currency": "EUR"}, "active": false}"""),
				acmeAdmin.put("/products/" + this.sku + "/stock", "{\"onHand\": 0}"));

		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
			assertThat(OrderApi.problem(response)).containsEntry("status", 403);
		});
		Map<String, Object> product = JsonPath.parse(acmeAdmin.get("/products/" + this.sku).body()).read("$");
		assertThat(product).containsEntry("onHand", 100)
			.containsEntry("active", true)
			.containsEntry("price", Map.of("amount", 100, "currency", "EUR"));
	}

	@Test
	void anyAuthenticatedCallerReadsProductsAndTheHealthAndApiDocsAreOpen() {
		assertThat(this.api.asCustomer(newCustomer()).get("/products/" + this.sku).statusCode()).isEqualTo(200);
		assertThat(this.api.as(TestTokens.ops()).get("/products?size=1").statusCode()).isEqualTo(200);
		assertThat(this.api.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(this.api.get("/v3/api-docs").statusCode()).isEqualTo(200);
		assertThat(this.api.get("/asyncapi/order-events.asyncapi.yaml").statusCode()).isEqualTo(200);
	}

	@Test
	void anotherCustomersOrderIs404AndNeverListed() {
		String ana = newCustomer();
		String ben = newCustomer();
		String anasOrder = placed(this.api.asCustomer(ana));
		OrderApi asBen = this.api.asCustomer(ben);
		placed(asBen);

		HttpResponse<String> read = asBen.get("/orders/" + anasOrder);
		HttpResponse<String> cancel = asBen.post("/orders/" + anasOrder + "/cancel", "");
		HttpResponse<String> list = asBen.get("/orders?size=100");

		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(cancel.statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(read)).containsEntry("type", "https://errors.orderpipeline.dev/not-found");
		assertThat(read.body()).doesNotContain(ana);
		assertThat(JsonPath.parse(list.body()).read("$.items[*].id", List.class)).doesNotContain(anasOrder).hasSize(1);
		assertThat(JsonPath.parse(list.body()).read("$.items[*].customerId", List.class)).containsOnly(ben);
		// Ana's order is untouched: still placed, stock still reserved.
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?::uuid", String.class, anasOrder))
			.isEqualTo("PLACED");
		HttpResponse<String> anasView = this.api.asCustomer(ana).get("/orders/" + anasOrder);
		assertThat(anasView.statusCode()).isEqualTo(200);
	}

	@Test
	void theSameCustomerIdInAnotherTenantReachesNothingOfTheFirst() {
		String customer = newCustomer();
		String acmeOrder = placed(this.api.asCustomer(customer));
		OrderApi inGlobex = this.api.as(TestTokens.customer(customer, "globex"));

		assertThat(inGlobex.get("/orders/" + acmeOrder).statusCode()).isEqualTo(404);
		assertThat(inGlobex.post("/orders/" + acmeOrder + "/cancel", "").statusCode()).isEqualTo(404);
		assertThat(JsonPath.parse(inGlobex.get("/orders").body()).read("$.items", List.class)).isEmpty();

		String globexOrder = placed(inGlobex);
		assertThat(
				this.jdbc.queryForObject("select tenant_id from orders where id = ?::uuid", String.class, globexOrder))
			.isEqualTo("globex");
		assertThat(
				JsonPath.parse(this.api.asCustomer(customer).get("/orders").body()).read("$.items[*].id", List.class))
			.containsExactly(acmeOrder);
	}

	@Test
	void aBodyThatSetsTheCustomerTenantStatusOrPricesIs400AndWritesNothing() {
		String customer = newCustomer();
		OrderApi asCustomer = this.api.asCustomer(customer);
		long orders = count("orders");

		HttpResponse<String> response = asCustomer.post("/orders", """
				{"customerId": "someone-else", "tenantId": "globex", "status": "CANCELLED",
				 "customerEmail": "ana@example.com", "currency": "EUR",
				 "subtotal": {"amount": 1, "currency": "EUR"}, "total": {"amount": 1, "currency": "EUR"},
				 "items": [{"sku": "%s", "quantity": 5, "unitPrice": {"amount": 0, "currency": "EUR"}}]}"""
			.formatted(this.sku));

		assertThat(response.statusCode()).isEqualTo(400);
		Map<String, Object> problem = OrderApi.problem(response);
		assertThat(problem).containsEntry("type", "https://errors.orderpipeline.dev/validation");
		assertThat(JsonPath.parse(response.body()).read("$.errors[*].field", List.class))
			.containsExactlyInAnyOrder("customerId", "tenantId", "status", "subtotal", "total", "items[0].unitPrice");
		// Tests run one at a time, so no other order can have been written meanwhile; the
		// stock shows nothing was reserved either (and with no order, no outbox row).
		assertThat(count("orders")).isEqualTo(orders);
		assertThat(this.jdbc.queryForObject("select count(*) from orders where customer_id in (?, 'someone-else')",
				Long.class, customer))
			.isZero();
		assertThat(this.api.available(this.sku)).isEqualTo(100);
	}

	@Test
	void theOrderBelongsToTheTokensCustomerAndTenantWithTheTokensEmailByDefault() {
		String customer = newCustomer();

		HttpResponse<String> response = this.api.asCustomer(customer).post("/orders", """
				{"currency": "EUR", "items": [{"sku": "%s", "quantity": 1}]}""".formatted(this.sku));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		Map<String, Object> order = JsonPath.parse(response.body()).read("$");
		assertThat(order).containsEntry("customerId", customer)
			.containsEntry("tenantId", OrderApi.TENANT)
			.containsEntry("customerEmail", customer + "@example.com");
	}

	@Test
	void aCustomerTokenWithoutATenantIs403() {
		HttpResponse<String> response = this.api.as(TestTokens.token(newCustomer(), null, "x@example.com", "customer"))
			.post("/orders", orderJson(this.sku, 1));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(OrderApi.problem(response)).containsEntry("status", 403);
	}

	private String placed(OrderApi customer) {
		HttpResponse<String> placed = customer.post("/orders", orderJson(this.sku, 1));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		return JsonPath.parse(placed.body()).read("$.id");
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

}
