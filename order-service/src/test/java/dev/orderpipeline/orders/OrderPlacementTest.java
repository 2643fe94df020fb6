package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OrderPlacementTest {

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
	void placesAPricedOrderAndAnswers201WithLocation() {
		String espresso = this.api.createProduct(2490, 10);
		String mug = this.api.createProduct(1455, 10);
		String customer = newCustomer();

		HttpResponse<String> response = this.api.placeOrder(customer, espresso, 2, mug, 1);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		DocumentContext order = JsonPath.parse(response.body());
		String id = order.read("$.id");
		assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
		assertThat(order.read("$.status", String.class)).isEqualTo("PLACED");
		assertThat(order.read("$.customerId", String.class)).isEqualTo(customer);
		assertThat(order.read("$.tenantId", String.class)).isEqualTo(OrderApi.TENANT);
		assertThat(order.read("$.lines[0].sku", String.class)).isEqualTo(espresso);
		assertThat(order.read("$.lines[0].unitPrice", Map.class)).isEqualTo(Map.of("amount", 2490, "currency", "EUR"));
		assertThat(order.read("$.lines[0].lineTotal.amount", Long.class)).isEqualTo(4980);
		assertThat(order.read("$.lines[1].lineTotal.amount", Long.class)).isEqualTo(1455);
		// 6435 * 20 % = 1287.0
		assertThat(order.read("$.subtotal.amount", Long.class)).isEqualTo(6435);
		assertThat(order.read("$.tax.amount", Long.class)).isEqualTo(1287);
		assertThat(order.read("$.total.amount", Long.class)).isEqualTo(7722);
		assertThat(Instant.parse(order.read("$.createdAt", String.class))).isBefore(Instant.now().plusSeconds(1));
		assertThat(this.api.available(espresso)).isEqualTo(8);
		assertThat(this.api.available(mug)).isEqualTo(9);
	}

	@Test
	void roundsTaxHalfUpToTheMinorUnit() {
		// 1 x 3 = 3 cents; 20 % = 0.6 -> 1. 1 x 2 = 2 cents; 20 % = 0.4 -> 0.
		String threeCents = this.api.createProduct(3, 10);
		String twoCents = this.api.createProduct(2, 10);

		HttpResponse<String> roundedUp = this.api.placeOrder(newCustomer(), threeCents, 1);
		HttpResponse<String> roundedDown = this.api.placeOrder(newCustomer(), twoCents, 1);

		assertThat(JsonPath.parse(roundedUp.body()).read("$.tax.amount", Long.class)).isEqualTo(1);
		assertThat(JsonPath.parse(roundedDown.body()).read("$.tax.amount", Long.class)).isZero();
	}

	@Test
	void readsTheOrderBackExactlyAsPlaced() {
		String sku = this.api.createProduct(999, 5);
		String customer = newCustomer();
		HttpResponse<String> placed = this.api.placeOrder(customer, sku, 3);
		String id = JsonPath.parse(placed.body()).read("$.id");

		HttpResponse<String> read = this.api.asCustomer(customer).get("/orders/" + id);

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(read.body()).read("$", Map.class))
			.isEqualTo(JsonPath.parse(placed.body()).read("$", Map.class));
	}

	@Test
	void aMultiLineOrderWithOneShortLineReservesNothing() {
		String plenty = this.api.createProduct(100, 50);
		String scarce = this.api.createProduct(100, 1);
		String alsoPlenty = this.api.createProduct(100, 50);

		HttpResponse<String> response = this.api.placeOrder(newCustomer(), plenty, 5, scarce, 2, alsoPlenty, 5);

		assertThat(response.statusCode()).isEqualTo(409);
		Map<String, Object> problem = OrderApi.problem(response);
		assertThat(problem).containsEntry("type", "https://errors.orderpipeline.dev/insufficient-stock");
		assertThat(problem.get("shortages")).isEqualTo(List.of(Map.of("sku", scarce, "requested", 2, "available", 1)));
		assertThat(this.api.available(plenty)).isEqualTo(50);
		assertThat(this.api.available(scarce)).isEqualTo(1);
		assertThat(this.api.available(alsoPlenty)).isEqualTo(50);
		assertThat(this.jdbc.queryForObject("select sum(reserved) from stock where sku in (?, ?, ?)", Long.class,
				plenty, scarce, alsoPlenty))
			.isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void namesEveryShortSkuWithRequestedAndAvailable() {
		String a = this.api.createProduct(100, 1);
		String b = this.api.createProduct(100, 0);

		HttpResponse<String> response = this.api.placeOrder(newCustomer(), a, 3, b, 1);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat((List<Object>) OrderApi.problem(response).get("shortages")).containsExactlyInAnyOrder(
				Map.of("sku", a, "requested", 3, "available", 1), Map.of("sku", b, "requested", 1, "available", 0));
	}

	@Test
	void listsACustomersOrdersNewestFirstWithBoundedPages() {
		String sku = this.api.createProduct(100, 100);
		String customer = newCustomer();
		String first = JsonPath.parse(this.api.placeOrder(customer, sku, 1).body()).read("$.id");
		String second = JsonPath.parse(this.api.placeOrder(customer, sku, 2).body()).read("$.id");
		String third = JsonPath.parse(this.api.placeOrder(customer, sku, 3).body()).read("$.id");
		this.api.placeOrder(newCustomer(), sku, 1);
		OrderApi asCustomer = this.api.asCustomer(customer);
		assertThat(asCustomer.post("/orders/" + second + "/cancel", "").statusCode()).isEqualTo(200);

		DocumentContext pageOne = JsonPath.parse(asCustomer.get("/orders?size=2").body());
		DocumentContext pageTwo = JsonPath.parse(asCustomer.get("/orders?size=2&page=1").body());
		DocumentContext placedOnly = JsonPath.parse(asCustomer.get("/orders?status=PLACED").body());

		assertThat(pageOne.read("$.items[*].id", List.class)).containsExactly(third, second);
		assertThat(pageOne.read("$.hasNext", Boolean.class)).isTrue();
		assertThat(pageOne.read("$.items[0].lines[0].quantity", Integer.class)).isEqualTo(3);
		assertThat(pageTwo.read("$.items[*].id", List.class)).containsExactly(first);
		assertThat(pageTwo.read("$.hasNext", Boolean.class)).isFalse();
		assertThat(placedOnly.read("$.items[*].id", List.class)).containsExactly(third, first);
		assertThat(asCustomer.get("/orders?size=101").statusCode()).isEqualTo(400);
	}

	@Test
	void unknownOrderIs404Problem() {
		HttpResponse<String> response = this.api.asCustomer(newCustomer())
			.get("/orders/0192f0c4-0000-7000-8000-000000000000");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(response)).containsEntry("type", "https://errors.orderpipeline.dev/not-found");
	}

}
