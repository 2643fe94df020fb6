package dev.orderpipeline.orders;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad request gets the right 4xx problem document, never a 500 and never a
 * stack trace. Placeholders in bodies ({EUR}, {USD}, {INACTIVE}, {PRICEY}) name products
 * created once for this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

	private static final String TYPES = "https://errors.orderpipeline.dev/";

	@Value("${local.server.port}")
	int port;

	OrderApi api;

	Map<String, String> skus;

	@BeforeAll
	void createCatalog() {
		// One customer sends every bad request (the test configuration lifts the rate
		// limit
		// far above this class's burst); catalog requests go as the admin.
		this.api = new OrderApi(this.port).asCustomer(OrderApi.newCustomer());
		this.skus = Map.of("{EUR}", this.api.createProduct(1000, 100), "{USD}",
				this.api.createProduct(1000, "USD", 100, true), "{INACTIVE}",
				this.api.createProduct(1000, "EUR", 100, false), "{PRICEY}",
				this.api.createProduct(Long.MAX_VALUE / 2, 100));
	}

	static Stream<Case> cases() {
		String tooManyLines = IntStream.range(0, 101)
			.mapToObj((i) -> "{\"sku\": \"S-%d\", \"quantity\": 1}".formatted(i))
			.collect(Collectors.joining(",", "[", "]"));
		String deeplyNested = "[".repeat(5000) + "]".repeat(5000);
		return Stream.of(
				// Malformed bodies
				post("truncated JSON", "{\"customerId\": ", 400, "malformed-request", null),
				post("not JSON", "hello", 400, "malformed-request", null),
				post("empty body", "", 400, "malformed-request", null),
				post("JSON null", "null", 400, "malformed-request", null),
				post("array instead of object", "[]", 400, "malformed-request", null),
				post("trailing garbage", order("{EUR}", "1") + " x", 400, "malformed-request", null),
				post("deeply nested JSON", deeplyNested, 400, "malformed-request", null),
				post("quantity is a word", order("{EUR}", "\"two\""), 400, "malformed-request", "items[0].quantity"),
				post("quantity is a fraction", order("{EUR}", "2.5"), 400, "malformed-request", "items[0].quantity"),
				post("quantity beyond int", order("{EUR}", "99999999999"), 400, "malformed-request",
						"items[0].quantity"),
				post("items is an object", body("ana@example.com", "EUR", "{}"), 400, "malformed-request", "items"),
				// Invalid values
				post("zero quantity", order("{EUR}", "0"), 400, "validation", "items[0].quantity"),
				post("negative quantity", order("{EUR}", "-1"), 400, "validation", "items[0].quantity"),
				post("quantity above the maximum", order("{EUR}", "1001"), 400, "validation", "items[0].quantity"),
				post("missing quantity", body("ana@example.com", "EUR", "[{\"sku\": \"{EUR}\"}]"), 400, "validation",
						"items[0].quantity"),
				// Members the server owns: the customer and tenant come from the token
				post("customerId in the body", withMember("customerId", "\"someone-else\""), 400, "validation",
						"customerId"),
				post("tenantId in the body", withMember("tenantId", "\"globex\""), 400, "validation", "tenantId"),
				post("status in the body", withMember("status", "\"CANCELLED\""), 400, "validation", "status"),
				post("total in the body", withMember("total", "{\"amount\": 1, \"currency\": \"EUR\"}"), 400,
						"validation", "total"),
				post("tax in the body", withMember("tax", "{\"amount\": 0, \"currency\": \"EUR\"}"), 400, "validation",
						"tax"),
				post("reservations in the body", withMember("reservations", "[]"), 400, "validation", "reservations"),
				post("a unit price on a line",
						body("ana@example.com", "EUR",
								"[{\"sku\": \"{EUR}\", \"quantity\": 1, "
										+ "\"unitPrice\": {\"amount\": 1, \"currency\": \"EUR\"}}]"),
						400, "validation", "items[0].unitPrice"),
				post("an unknown member", withMember("giftWrap", "true"), 400, "validation", "giftWrap"),
				post("invalid email", body("not-an-email", "EUR", items("{EUR}", "1")), 400, "validation",
						"customerEmail"),
				post("missing currency",
						"{\"customerEmail\": \"ana@example.com\", \"items\": [{\"sku\": \"{EUR}\", \"quantity\": 1}]}",
						400, "validation", "currency"),
				post("unknown currency", body("ana@example.com", "ZZZ", items("{EUR}", "1")), 400, "validation",
						"currency"),
				post("lower-case currency", body("ana@example.com", "eur", items("{EUR}", "1")), 400, "validation",
						"currency"),
				post("no items", body("ana@example.com", "EUR", "[]"), 400, "validation", "items"),
				post("missing items", "{\"customerEmail\": \"ana@example.com\", \"currency\": \"EUR\"}", 400,
						"validation", "items"),
				post("too many lines", body("ana@example.com", "EUR", tooManyLines), 400, "validation", "items"),
				post("null line", body("ana@example.com", "EUR", "[null]"), 400, "validation", "items[0]"),
				post("duplicate SKU", body("ana@example.com", "EUR", items("{EUR}", "1") + "," + items("{EUR}", "2")),
						400, "validation", "items[1].sku"),
				post("unknown SKU", order("NO-SUCH-SKU", "1"), 400, "validation", "items[0].sku"),
				post("inactive SKU", order("{INACTIVE}", "1"), 400, "validation", "items[0].sku"),
				post("currency differs from the product's", order("{USD}", "1"), 400, "validation", "items[0].sku"),
				post("amount overflows", order("{PRICEY}", "3"), 400, "validation", "items[0].quantity"),
				post("tax overflows", order("{PRICEY}", "2"), 400, "validation", "items"),
				// Protocol-level problems
				new Case("text/plain body", "POST", "/orders", List.of("Content-Type", "text/plain"),
						order("{EUR}", "1").getBytes(StandardCharsets.UTF_8), false, 415, "unsupported-media-type",
						null),
				new Case("unacceptable Accept", "POST", "/orders",
						List.of("Content-Type", "application/json", "Accept", "text/csv"),
						order("{EUR}", "1").getBytes(StandardCharsets.UTF_8), false, 406, "not-acceptable", null),
				new Case("invalid UTF-8", "POST", "/orders", List.of("Content-Type", "application/json"),
						new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' }, false, 400,
						"malformed-request", null),
				new Case("body over 64 KiB", "POST", "/orders", List.of("Content-Type", "application/json"),
						padded(70_000), false, 413, "payload-too-large", null),
				new Case("chunked body over 64 KiB", "POST", "/orders", List.of("Content-Type", "application/json"),
						padded(70_000), true, 413, "payload-too-large", null),
				get("unknown route", "/nowhere", 404, "not-found", null),
				get("the error page itself", "/error", 404, "not-found", null),
				get("encoded slash in a path", "/orders/%2F", 400, "malformed-request", null),
				new Case("wrong method", "DELETE", "/orders", List.of(), null, false, 405, "method-not-allowed", null),
				get("order id not a UUID", "/orders/not-a-uuid", 400, "validation", "id"),
				get("list naming a customerId", "/orders?customerId=c-1", 400, "validation", "customerId"),
				get("list with unknown status", "/orders?status=SHIPPED", 400, "validation", "status"),
				get("list with negative page", "/orders?page=-1", 400, "validation", "page"),
				get("list page too large", "/orders?size=101", 400, "validation", "size"),
				get("list page too deep", "/orders?page=1000&size=100", 400, "validation", "page"),
				new Case("negative stock", "PUT", "/products/{EUR}/stock", List.of("Content-Type", "application/json"),
						"{\"onHand\": -1}".getBytes(StandardCharsets.UTF_8), false, 400, "validation", "onHand"),
				new Case("stock is a word", "PUT", "/products/{EUR}/stock", List.of("Content-Type", "application/json"),
						"{\"onHand\": \"many\"}".getBytes(StandardCharsets.UTF_8), false, 400, "malformed-request",
						"onHand"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void answersWithTheRightProblem(Case hostile) {
		HttpResponse<String> response = this.api.send(hostile.toRequest(this.api, this.skus));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(hostile.status());
		Map<String, Object> problem = OrderApi.problem(response);
		assertThat(problem).containsEntry("type", TYPES + hostile.type()).containsEntry("status", hostile.status());
		assertThat(problem).containsKeys("title", "detail");
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.", "java.", "SQL");
		if (hostile.field() != null) {
			@SuppressWarnings("unchecked")
			List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
			assertThat(errors).extracting((error) -> error.get("field")).contains(hostile.field());
		}
	}

	record Case(String name, String method, String path, List<String> headers, byte[] body, boolean chunked, int status,
			String type, String field) {

		HttpRequest toRequest(OrderApi api, Map<String, String> skus) {
			// Catalog writes are the admin's; everything else is sent by the customer.
			OrderApi caller = this.path.startsWith("/products") ? api.asCatalogAdmin() : api;
			HttpRequest.Builder builder = caller.request(replace(this.path, skus));
			for (int i = 0; i < this.headers.size(); i += 2) {
				builder.header(this.headers.get(i), this.headers.get(i + 1));
			}
			HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
			if (this.body != null) {
				byte[] bytes = replace(new String(this.body, StandardCharsets.ISO_8859_1), skus)
					.getBytes(StandardCharsets.ISO_8859_1);
				publisher = this.chunked
						? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
						: HttpRequest.BodyPublishers.ofByteArray(bytes);
			}
			return builder.method(this.method, publisher).build();
		}

		private static String replace(String text, Map<String, String> skus) {
			for (Map.Entry<String, String> sku : skus.entrySet()) {
				text = text.replace(sku.getKey(), sku.getValue());
			}
			return text;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	private static Case post(String name, String body, int status, String type, String field) {
		return new Case(name, "POST", "/orders", List.of("Content-Type", "application/json"),
				body.getBytes(StandardCharsets.UTF_8), false, status, type, field);
	}

	private static Case get(String name, String path, int status, String type, String field) {
		return new Case(name, "GET", path, List.of(), null, false, status, type, field);
	}

	private static String order(String sku, String quantity) {
		return body("ana@example.com", "EUR", items(sku, quantity));
	}

	private static String withMember(String name, String json) {
		return order("{EUR}", "1").replaceFirst("\\{", "{\"" + name + "\": " + json + ", ");
	}

	private static String items(String sku, String quantity) {
		return "{\"sku\": \"%s\", \"quantity\": %s}".formatted(sku, quantity);
	}

	private static String body(String email, String currency, String items) {
		if (!items.startsWith("[") && !items.startsWith("{}")) {
			items = "[" + items + "]";
		}
		return """
				{"customerEmail": "%s", "currency": "%s", "items": %s}""".formatted(email, currency, items);
	}

	private static byte[] padded(int size) {
		String prefix = "{\"padding\": \"";
		return (prefix + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
	}

}
