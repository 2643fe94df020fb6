package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.OrderApi.orderJson;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class IdempotencyTest {

	static final String KEY = "Idempotency-Key";

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcTemplate jdbc;

	OrderApi api;

	@BeforeEach
	void connect() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void fiftyConcurrentRequestsWithOneKeyCreateExactlyOneOrder() throws Exception {
		String sku = this.api.createProduct(500, 100);
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		String body = orderJson(sku, 2);
		OrderApi asCustomer = this.api.asCustomer(customer);

		List<HttpResponse<String>> responses = Concurrently.run(50, () -> asCustomer.post("/orders", body, KEY, key));

		assertThat(ordersOf(customer)).isOne();
		List<HttpResponse<String>> created = responses.stream().filter((r) -> r.statusCode() == 201).toList();
		assertThat(created).isNotEmpty();
		assertThat(created).extracting(HttpResponse::body).containsOnly(created.get(0).body());
		assertThat(created).extracting((r) -> r.headers().firstValue("Location").orElseThrow())
			.containsOnly(created.get(0).headers().firstValue("Location").orElseThrow());
		assertThat(responses).filteredOn((r) -> r.statusCode() != 201)
			.allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(409))
			.allSatisfy((r) -> assertThat(OrderApi.problem(r)).containsEntry("type",
					"https://errors.orderpipeline.dev/idempotency-key-in-progress"));

		HttpResponse<String> retry = asCustomer.post("/orders", body, KEY, key);
		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(retry.body()).isEqualTo(created.get(0).body());
		assertThat(retry.headers().firstValue("Location")).isEqualTo(created.get(0).headers().firstValue("Location"));
		assertThat(this.api.available(sku)).isEqualTo(98);
	}

	@Test
	void replaysTheFirstResponseForTheSameBodyFormattedDifferently() {
		String sku = this.api.createProduct(500, 10);
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		OrderApi asCustomer = this.api.asCustomer(customer);
		HttpResponse<String> first = asCustomer.post("/orders", orderJson(sku, 1), KEY, key);
		String reformatted = """
				{ "items": [ { "quantity": 1, "sku": "%s" } ],
				  "currency": "EUR", "customerEmail": "ana@example.com" }""".formatted(sku);

		HttpResponse<String> replay = asCustomer.post("/orders", reformatted, KEY, key);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		String sku = this.api.createProduct(500, 10);
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		OrderApi asCustomer = this.api.asCustomer(customer);
		assertThat(asCustomer.post("/orders", orderJson(sku, 1), KEY, key).statusCode()).isEqualTo(201);

		HttpResponse<String> reused = asCustomer.post("/orders", orderJson(sku, 2), KEY, key);

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(OrderApi.problem(reused)).containsEntry("type",
				"https://errors.orderpipeline.dev/idempotency-key-reused");
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void anotherCustomersKeyNeverReplaysTheirResponse() {
		String sku = this.api.createProduct(500, 10);
		String key = UUID.randomUUID().toString();
		String ana = newCustomer();
		String bob = newCustomer();

		HttpResponse<String> anasOrder = this.api.asCustomer(ana).post("/orders", orderJson(sku, 1), KEY, key);
		HttpResponse<String> bobsOrder = this.api.asCustomer(bob).post("/orders", orderJson(sku, 1), KEY, key);

		assertThat(anasOrder.statusCode()).isEqualTo(201);
		assertThat(bobsOrder.statusCode()).isEqualTo(201);
		assertThat(JsonPath.parse(bobsOrder.body()).read("$.customerId", String.class)).isEqualTo(bob);
		assertThat(JsonPath.parse(bobsOrder.body()).read("$.id", String.class))
			.isNotEqualTo(JsonPath.parse(anasOrder.body()).read("$.id", String.class));
		assertThat(ordersOf(ana)).isOne();
		assertThat(ordersOf(bob)).isOne();
	}

	@Test
	void theSameCustomerIdInAnotherTenantHasItsOwnKeys() {
		String sku = this.api.createProduct(500, 10);
		String key = UUID.randomUUID().toString();
		String customer = newCustomer();

		HttpResponse<String> inAcme = this.api.asCustomer(customer).post("/orders", orderJson(sku, 1), KEY, key);
		HttpResponse<String> inGlobex = this.api.as(TestTokens.customer(customer, "globex"))
			.post("/orders", orderJson(sku, 1), KEY, key);

		assertThat(inAcme.statusCode()).isEqualTo(201);
		assertThat(inGlobex.statusCode()).isEqualTo(201);
		assertThat(JsonPath.parse(inGlobex.body()).read("$.tenantId", String.class)).isEqualTo("globex");
		assertThat(JsonPath.parse(inGlobex.body()).read("$.id", String.class))
			.isNotEqualTo(JsonPath.parse(inAcme.body()).read("$.id", String.class));
		assertThat(ordersOf(customer)).isEqualTo(2);
	}

	@Test
	void aFailedPlacementLeavesTheKeyFreeForARetry() {
		String sku = this.api.createProduct(500, 1);
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		String body = orderJson(sku, 3);
		OrderApi asCustomer = this.api.asCustomer(customer);

		HttpResponse<String> shortOfStock = asCustomer.post("/orders", body, KEY, key);
		assertThat(this.api.asCatalogAdmin().put("/products/" + sku + "/stock", "{\"onHand\": 5}").statusCode())
			.isEqualTo(200);
		HttpResponse<String> retried = asCustomer.post("/orders", body, KEY, key);

		assertThat(shortOfStock.statusCode()).isEqualTo(409);
		assertThat(retried.statusCode()).isEqualTo(201);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from idempotency_key where customer_id = ? and idempotency_key = ?", Long.class,
				customer, key))
			.isOne();
	}

	@Test
	void rejectsAMalformedKey() {
		String sku = this.api.createProduct(500, 1);

		HttpResponse<String> response = this.api.asCustomer(newCustomer())
			.post("/orders", orderJson(sku, 1), KEY, "x".repeat(256));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OrderApi.problem(response)).containsEntry("type", "https://errors.orderpipeline.dev/validation");
	}

	private long ordersOf(String customer) {
		return this.jdbc.queryForObject("select count(*) from orders where customer_id = ?", Long.class, customer);
	}

}
