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
import dev.orderpipeline.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the running service over real HTTP, and sets up catalog data through the
 * public API. Every product it creates has a fresh SKU, so tests sharing one database
 * never see each other's data.
 *
 * <p>
 * Every request carries this instance's access token, if it has one: {@code new
 * OrderApi(port)} has none, {@link #asCustomer(String)} acts as a customer of tenant
 * {@value #TENANT}, {@link #as(String)} with any token. Catalog set-up always acts as the
 * catalog admin, and {@link #placeOrder(String, Object...)} as the given customer.
 */
public final class OrderApi {

	/** The tenant of the customers the tests act as, unless a test says otherwise. */
	public static final String TENANT = "acme";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String token;

	public OrderApi(int port) {
		this("http://127.0.0.1:" + port, null);
	}

	private OrderApi(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** The same API, acting with this access token (no token if {@code null}). */
	public OrderApi as(String token) {
		return new OrderApi(this.base, token);
	}

	/** The same API, acting as this customer of tenant {@value #TENANT}. */
	public OrderApi asCustomer(String customerId) {
		return as(TestTokens.customer(customerId, TENANT));
	}

	/** A tenant's admin (acme): no rights over the shared catalog. */
	public OrderApi asAdmin() {
		return as(TestTokens.admin());
	}

	/**
	 * The platform's catalog operator (role catalog-admin): the shared catalog's writer.
	 */
	public OrderApi asCatalogAdmin() {
		return as(TestTokens.catalogAdmin());
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
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30));
		if (this.token != null) {
			builder.header("Authorization", TestTokens.bearer(this.token));
		}
		return builder;
	}

	/** Creates an active EUR product with the given stock and returns its fresh SKU. */
	public String createProduct(long priceMinor, long onHand) {
		return createProduct(priceMinor, "EUR", onHand, true);
	}

	public String createProduct(long priceMinor, String currency, long onHand, boolean active) {
		String sku = "T-" + UUID.randomUUID().toString().substring(0, 18);
		OrderApi admin = asCatalogAdmin();
		HttpResponse<String> created = admin.post("/products", """
				{"sku": "%s", "name": "Test product %s", "price": {"amount": %d, "currency": "%s"}, "active": %s}"""
			.formatted(sku, sku, priceMinor, currency, active));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> stocked = admin.put("/products/" + sku + "/stock", "{\"onHand\": " + onHand + "}");
		assertThat(stocked.statusCode()).as(stocked.body()).isEqualTo(200);
		return sku;
	}

	public long available(String sku) {
		HttpResponse<String> product = asAdmin().get("/products/" + sku);
		assertThat(product.statusCode()).isEqualTo(200);
		return JsonPath.parse(product.body()).read("$.available", Long.class);
	}

	public static String newCustomer() {
		return "c-" + UUID.randomUUID();
	}

	/**
	 * An order body; {@code lines} alternate SKU and quantity. The customer is not in it:
	 * it is the caller's.
	 */
	public static String orderJson(Object... lines) {
		String items = Stream.iterate(0, (i) -> i < lines.length, (i) -> i + 2)
			.map((i) -> "{\"sku\": \"%s\", \"quantity\": %s}".formatted(lines[i], lines[i + 1]))
			.collect(Collectors.joining(", "));
		return """
				{"customerEmail": "ana@example.com", "currency": "EUR", "items": [%s]}""".formatted(items);
	}

	/** Places an order as this customer of tenant {@value #TENANT}. */
	public HttpResponse<String> placeOrder(String customerId, Object... lines) {
		return asCustomer(customerId).post("/orders", orderJson(lines));
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
