package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class CancellationTest {

	@Value("${local.server.port}")
	int port;

	OrderApi api;

	String customer;

	@BeforeEach
	void connect() {
		this.customer = newCustomer();
		this.api = new OrderApi(this.port).asCustomer(this.customer);
	}

	@Test
	void cancellingReleasesTheReservedStock() {
		String a = this.api.createProduct(100, 10);
		String b = this.api.createProduct(100, 10);
		String id = placedOrder(a, 4, b, 6);
		assertThat(this.api.available(a)).isEqualTo(6);

		HttpResponse<String> response = this.api.post("/orders/" + id + "/cancel", "");

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext order = JsonPath.parse(response.body());
		assertThat(order.read("$.status", String.class)).isEqualTo("CANCELLED");
		assertThat(order.read("$.cancelledAt", String.class)).isNotBlank();
		assertThat(this.api.available(a)).isEqualTo(10);
		assertThat(this.api.available(b)).isEqualTo(10);
		assertThat(JsonPath.parse(this.api.get("/orders/" + id).body()).read("$.status", String.class))
			.isEqualTo("CANCELLED");
	}

	@Test
	void cancellingAgainReturnsTheCancelledOrderUnchangedAndReleasesNothing() {
		String sku = this.api.createProduct(100, 10);
		String id = placedOrder(sku, 3);
		HttpResponse<String> first = this.api.post("/orders/" + id + "/cancel", "");
		String other = placedOrder(sku, 5);

		HttpResponse<String> second = this.api.post("/orders/" + id + "/cancel", "");

		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(second.body()).read("$", Map.class))
			.isEqualTo(JsonPath.parse(first.body()).read("$", Map.class));
		assertThat(this.api.available(sku)).as("the other order's 5 units stay reserved").isEqualTo(5);
		assertThat(other).isNotEqualTo(id);
	}

	@Test
	void racingCancelsReleaseStockExactlyOnce() throws Exception {
		String sku = this.api.createProduct(100, 10);
		String id = placedOrder(sku, 4);
		placedOrder(sku, 6);

		List<HttpResponse<String>> responses = Concurrently.run(20,
				() -> this.api.post("/orders/" + id + "/cancel", ""));

		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
		String cancelledAt = JsonPath.parse(responses.get(0).body()).read("$.cancelledAt", String.class);
		assertThat(responses)
			.extracting((response) -> JsonPath.parse(response.body()).read("$.cancelledAt", String.class))
			.as("every caller sees the one cancellation that happened")
			.containsOnly(cancelledAt);
		assertThat(this.api.available(sku)).isEqualTo(4);
	}

	@Test
	void theCallersReasonIsKeptWithTheOrderAndTheFirstOneStays() {
		String sku = this.api.createProduct(100, 10);
		String id = placedOrder(sku, 1);

		HttpResponse<String> cancelled = this.api.post("/orders/" + id + "/cancel",
				"{\"reason\": \"  Ordered the wrong size  \"}");
		HttpResponse<String> again = this.api.post("/orders/" + id + "/cancel", "{\"reason\": \"Changed my mind\"}");

		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(cancelled.body()).read("$.cancelReason", String.class))
			.isEqualTo("Ordered the wrong size");
		assertThat(JsonPath.parse(again.body()).read("$.cancelReason", String.class))
			.isEqualTo("Ordered the wrong size");
		assertThat(JsonPath.parse(this.api.get("/orders/" + id).body()).read("$.cancelReason", String.class))
			.isEqualTo("Ordered the wrong size");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"reason\": \"   \"}", "{\"reason\": \"line\\u0007bell\"}", "TOO_LONG" })
	void aBadReasonIsAValidationProblemAndCancelsNothing(String body) {
		String sku = this.api.createProduct(100, 10);
		String id = placedOrder(sku, 2);
		String request = body.equals("TOO_LONG") ? "{\"reason\": \"" + "x".repeat(501) + "\"}" : body;

		HttpResponse<String> response = this.api.post("/orders/" + id + "/cancel", request);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OrderApi.problem(response)).containsEntry("type", "https://errors.orderpipeline.dev/validation");
		assertThat(JsonPath.parse(response.body()).read("$.errors[*].field", List.class)).containsExactly("reason");
		assertThat(JsonPath.parse(this.api.get("/orders/" + id).body()).read("$.status", String.class))
			.isEqualTo("PLACED");
		assertThat(this.api.available(sku)).isEqualTo(8);
	}

	@Test
	void aReasonThatIsNotAStringIsAProblem() {
		String sku = this.api.createProduct(100, 10);
		String id = placedOrder(sku, 1);

		HttpResponse<String> response = this.api.post("/orders/" + id + "/cancel", "{\"reason\": {\"a\": 1}}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OrderApi.problem(response)).containsKey("type");
	}

	@Test
	void cancellingAnUnknownOrderIs404() {
		HttpResponse<String> response = this.api.post("/orders/0192f0c4-0000-7000-8000-000000000001/cancel", "");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(response)).containsEntry("type", "https://errors.orderpipeline.dev/not-found");
	}

	private String placedOrder(Object... lines) {
		HttpResponse<String> placed = this.api.placeOrder(this.customer, lines);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		return JsonPath.parse(placed.body()).read("$.id");
	}

}
