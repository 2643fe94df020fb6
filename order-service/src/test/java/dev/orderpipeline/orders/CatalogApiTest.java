package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class CatalogApiTest {

	@Value("${local.server.port}")
	int port;

	OrderApi api;

	@BeforeEach
	void connect() {
		// Catalog management is the admin's; reading products is open to any caller.
		this.api = new OrderApi(this.port).asCatalogAdmin();
	}

	@Test
	void createsAProductWithoutStockAndAnswersWithLocation() {
		String sku = "NEW-" + UUID.randomUUID();

		HttpResponse<String> created = this.api.post("/products", """
				{"sku": "%s", "name": "Ceramic mug", "price": {"amount": 1450, "currency": "EUR"}}""".formatted(sku));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/products/" + sku);
		DocumentContext product = JsonPath.parse(this.api.asCustomer(newCustomer()).get("/products/" + sku).body());
		assertThat(product.read("$", Map.class)).containsEntry("name", "Ceramic mug")
			.containsEntry("price", Map.of("amount", 1450, "currency", "EUR"))
			.containsEntry("active", true)
			.containsEntry("onHand", 0)
			.containsEntry("reserved", 0)
			.containsEntry("available", 0);
	}

	@Test
	void creatingAnExistingSkuIs409() {
		String sku = this.api.createProduct(100, 1);

		HttpResponse<String> again = this.api.post("/products", """
				{"sku": "%s", "name": "Other", "price": {"amount": 1, "currency": "EUR"}}""".formatted(sku));

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(OrderApi.problem(again)).containsEntry("type", "https://errors.orderpipeline.dev/product-exists");
	}

	@Test
	void updatesNamePriceAndActiveFlagWithoutTouchingPlacedOrders() {
		String sku = this.api.createProduct(100, 10);
		String customer = newCustomer();
		HttpResponse<String> placed = this.api.placeOrder(customer, sku, 1);

		HttpResponse<String> updated = this.api.put("/products/" + sku, """
				{"name": "Renamed", "price": {"amount": 250, "currency": "EUR"}, "active": false}""");

		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(updated.body()).read("$", Map.class)).containsEntry("name", "Renamed")
			.containsEntry("price", Map.of("amount", 250, "currency", "EUR"))
			.containsEntry("active", false)
			.containsEntry("available", 9);
		String orderId = JsonPath.parse(placed.body()).read("$.id");
		assertThat(JsonPath.parse(this.api.asCustomer(customer).get("/orders/" + orderId).body())
			.read("$.lines[0].unitPrice.amount", Integer.class)).isEqualTo(100);
		HttpResponse<String> inactive = this.api.placeOrder(newCustomer(), sku, 1);
		assertThat(inactive.statusCode()).isEqualTo(400);
		assertThat(OrderApi.problem(inactive).get("errors")).asString().contains("items[0].sku");
	}

	@Test
	void settingOnHandBelowTheReservedQuantityIs409() {
		String sku = this.api.createProduct(100, 10);
		assertThat(this.api.placeOrder(newCustomer(), sku, 7).statusCode()).isEqualTo(201);

		HttpResponse<String> refused = this.api.put("/products/" + sku + "/stock", "{\"onHand\": 6}");
		HttpResponse<String> accepted = this.api.put("/products/" + sku + "/stock", "{\"onHand\": 7}");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(OrderApi.problem(refused))
			.containsEntry("type", "https://errors.orderpipeline.dev/stock-below-reserved")
			.containsEntry("reserved", 7);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(accepted.body()).read("$.available", Integer.class)).isZero();
	}

	@Test
	void unknownProductsAre404() {
		assertThat(this.api.get("/products/NOPE-" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(this.api.put("/products/NOPE-" + UUID.randomUUID(), """
				{"name": "x", "price": {"amount": 1, "currency": "EUR"}, "active": true}""").statusCode())
			.isEqualTo(404);
		HttpResponse<String> stock = this.api.put("/products/NOPE-" + UUID.randomUUID() + "/stock", "{\"onHand\": 1}");
		assertThat(stock.statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(stock)).containsEntry("type", "https://errors.orderpipeline.dev/not-found");
	}

	@Test
	void rejectsInvalidProductsWithFieldErrors() {
		HttpResponse<String> response = this.api.post("/products", """
				{"sku": "has spaces", "name": "", "price": {"amount": -1, "currency": "eur"}}""");

		assertThat(response.statusCode()).isEqualTo(400);
		@SuppressWarnings("unchecked")
		List<Map<String, String>> errors = (List<Map<String, String>>) OrderApi.problem(response).get("errors");
		assertThat(errors).extracting((error) -> error.get("field"))
			.contains("sku", "name", "price.amount", "price.currency");
	}

	@Test
	void listsProductsInPages() {
		this.api.createProduct(100, 1);
		this.api.createProduct(100, 1);

		DocumentContext page = JsonPath.parse(this.api.asCustomer(newCustomer()).get("/products?size=1").body());

		assertThat(page.read("$.items", List.class)).hasSize(1);
		assertThat(page.read("$.hasNext", Boolean.class)).isTrue();
		assertThat(this.api.get("/products?size=0").statusCode()).isEqualTo(400);
	}

}
