package dev.orderpipeline.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order API as the workload's customers, an admin and an operator use it, with tokens
 * from the local identity provider ({@code GET /dev/token}). Every request has a timeout:
 * a request that hangs behind a fault ends as a timeout, which a client sees too.
 */
final class OrderClient {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String tokenUrl;

	private final List<String> customerTokens = new ArrayList<>();

	private final String adminToken;

	private final String opsToken;

	OrderClient(String authUrl, int customers) {
		this.tokenUrl = authUrl + "/dev/token";
		for (int i = 0; i < customers; i++) {
			this.customerTokens.add(mint("fault-customer-" + i, "customer", "fault-customer-" + i + "@example.com"));
		}
		this.adminToken = mint("fault-admin", "catalog-admin", null);
		this.opsToken = mint("fault-ops", "ops", null);
	}

	int customers() {
		return this.customerTokens.size();
	}

	/** What one call came back with: a status, or the failure that stood in its way. */
	record Answer(int status, String body, String failure) {

		boolean failed() {
			return this.failure != null;
		}

		Optional<String> orderId() {
			Matcher matcher = ORDER_ID.matcher((this.body != null) ? this.body : "");
			return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
		}

		@Override
		public String toString() {
			return failed() ? this.failure : this.status + " " + this.body;
		}

	}

	Answer place(String baseUrl, int customer, String sku, int quantity, String idempotencyKey) {
		String body = "{\"currency\":\"EUR\",\"customerEmail\":\"fault-customer-%d@example.com\",\"items\":[{\"sku\":\"%s\",\"quantity\":%d}]}"
			.formatted(customer, sku, quantity);
		HttpRequest.Builder request = json(baseUrl + "/orders", "POST", body, this.customerTokens.get(customer));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	Answer cancel(String baseUrl, int customer, String orderId) {
		return send(json(baseUrl + "/orders/" + orderId + "/cancel", "POST", "{}", this.customerTokens.get(customer)));
	}

	/** Creates the product if it is new and sets its stock on hand. */
	void stock(String baseUrl, String sku, long onHand) {
		Answer created = send(json(baseUrl + "/products", "POST",
				"{\"sku\":\"%s\",\"name\":\"Fault suite product %s\",\"price\":{\"amount\":%d,\"currency\":\"EUR\"},\"active\":true}"
					.formatted(sku, sku, 100 + Math.floorMod(sku.hashCode(), 900)),
				this.adminToken));
		if (created.failed() || (created.status() != 201 && created.status() != 409)) {
			throw new IllegalStateException("Creating " + sku + " failed: " + created);
		}
		Answer stocked = send(
				json(baseUrl + "/products/" + sku + "/stock", "PUT", "{\"onHand\": " + onHand + "}", this.adminToken));
		if (stocked.failed() || stocked.status() != 200) {
			throw new IllegalStateException("Stocking " + sku + " failed: " + stocked);
		}
	}

	/** {@code /actuator/prometheus} of a service, as an operator sees it. */
	Answer metrics(String baseUrl) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.header("Authorization", "Bearer " + this.opsToken)
			.GET());
	}

	/** The overall status of {@code /actuator/health}, or why there is none. */
	String health(String baseUrl) {
		Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).GET());
		if (answer.failed()) {
			return answer.failure();
		}
		Matcher status = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(answer.body());
		return status.find() ? status.group(1) : "HTTP " + answer.status();
	}

	private HttpRequest.Builder json(String url, String method, String body, String token) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.ofString(body));
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), null);
		}
		catch (IOException ex) {
			return new Answer(0, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, null, "interrupted");
		}
	}

	private String mint(String subject, String roles, String email) {
		String url = this.tokenUrl + "?sub=" + encode(subject) + "&tenant=acme&roles=" + encode(roles)
				+ ((email != null) ? "&email=" + encode(email) : "");
		Answer answer = send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain").GET());
		if (answer.failed() || answer.status() != 200) {
			throw new IllegalStateException("No token from " + url + ": " + answer);
		}
		return answer.body().trim();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
