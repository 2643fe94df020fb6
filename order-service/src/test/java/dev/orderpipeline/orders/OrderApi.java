package dev.orderpipeline.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the running service over real HTTP, and sets up catalog data through the
 * public API. Every product it creates has a fresh SKU, so tests sharing one database
 * never see each other's data.
 */
public final class OrderApi {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	public OrderApi(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	public HttpResponse<String> post(String path, String json, String... headers) {
		return send(withHeaders(request(path).header("Content-Type", "application/json"), headers)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public HttpResponse<String> put(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
	}

	/** Creates an active EUR product with the given stock and returns its fresh SKU. */
	public String createProduct(long priceMinor, long onHand) {
		return createProduct(priceMinor, "EUR", onHand, true);
	}

	public String createProduct(long priceMinor, String currency, long onHand, boolean active) {
		String sku = "T-" + UUID.randomUUID().toString().substring(0, 18);
		HttpResponse<String> created = post("/products", """
				{"sku": "%s", "name": "Test product %s", "price": {"amount": %d, "currency": "%s"}, "active": %s}"""
			.formatted(sku, sku, priceMinor, currency, active));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> stocked = put("/products/" + sku + "/stock", "{\"onHand\": " + onHand + "}");
		assertThat(stocked.statusCode()).as(stocked.body()).isEqualTo(200);
		return sku;
	}

	public long available(String sku) {
		HttpResponse<String> product = get("/products/" + sku);
		assertThat(product.statusCode()).isEqualTo(200);
		return JsonPath.parse(product.body()).read("$.available", Long.class);
	}

	public static String newCustomer() {
		return "c-" + UUID.randomUUID();
	}

	/** An order body; {@code lines} alternate SKU and quantity. */
	public static String orderJson(String customerId, Object... lines) {
		String items = Stream.iterate(0, (i) -> i < lines.length, (i) -> i + 2)
			.map((i) -> "{\"sku\": \"%s\", \"quantity\": %s}".formatted(lines[i], lines[i + 1]))
			.collect(Collectors.joining(", "));
		return """
				{"customerId": "%s", "customerEmail": "ana@example.com", "currency": "EUR", "items": [%s]}"""
			.formatted(customerId, items);
	}

	public HttpResponse<String> placeOrder(String customerId, Object... lines) {
		return post("/orders", orderJson(customerId, lines));
	}

	private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	public static Map<String, Object> problem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return JsonPath.parse(response.body()).read("$");
	}

}
