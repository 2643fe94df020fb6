package dev.orderpipeline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the benchmark's requests come from. With the local identity provider answering
 * ({@code GET /dev/token}), every simulated client gets its own customer token, so the
 * per-client rate limit of {@code POST /orders} applies per client as it would in
 * production, and the customer id comes from the token. Without it (a stack without
 * security) requests carry no {@code Authorization} header and name the customer in the
 * body instead. Requests are spread round-robin over the clients, so with enough clients
 * no single one comes near a per-client limit.
 */
final class SimulatedClients {

	private static final Pattern TOKEN_FIELD = Pattern.compile("\"(?:access_token|token)\"\\s*:\\s*\"([^\"]+)\"");

	private final int count;

	private final List<String> tokens;

	private final String adminToken;

	private SimulatedClients(int count, List<String> tokens, String adminToken) {
		this.count = count;
		this.tokens = tokens;
		this.adminToken = adminToken;
	}

	/**
	 * Mints one token per client from {@code tokenUrl} (e.g.
	 * {@code http://127.0.0.1:8070/dev/token}); falls back to no tokens when the first
	 * request gets no 200.
	 */
	static SimulatedClients create(HttpClient http, String tokenUrl, int count, String tenant) {
		String admin = mint(http, tokenUrl, "bench-admin", tenant, "catalog-admin");
		if (admin == null) {
			System.out.println("No token endpoint at " + tokenUrl + ": requests carry no Authorization header and "
					+ "name the customer in the body");
			return new SimulatedClients(count, null, null);
		}
		List<String> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String token = mint(http, tokenUrl, clientId(i), tenant, "customer");
			if (token == null) {
				throw new IllegalStateException("The token endpoint " + tokenUrl + " stopped answering at client " + i);
			}
			tokens.add(token);
		}
		System.out.println("Minted " + count + " customer tokens (tenant " + tenant + ") from " + tokenUrl);
		return new SimulatedClients(count, tokens, admin);
	}

	int count() {
		return this.count;
	}

	boolean usesTokens() {
		return this.tokens != null;
	}

	static String clientId(long client) {
		return "bench-client-" + client;
	}

	int clientOf(long sequence) {
		return (int) (sequence % this.count);
	}

	/** Adds the client's bearer token, if there is one. */
	HttpRequest.Builder authorize(HttpRequest.Builder request, int client) {
		return (this.tokens != null) ? request.header("Authorization", "Bearer " + this.tokens.get(client)) : request;
	}

	/** Adds an admin token (catalog and stock writes), if there are tokens. */
	HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
		return (this.adminToken != null) ? request.header("Authorization", "Bearer " + this.adminToken) : request;
	}

	/**
	 * The customer fields of an order body: the customer id only without a token (with
	 * one, the token names the customer and a body naming one is rejected).
	 */
	String customerFields(int client) {
		String email = "\"customerEmail\":\"" + clientId(client) + "@example.com\",";
		return (this.tokens != null) ? email : "\"customerId\":\"" + clientId(client) + "\"," + email;
	}

	private static String mint(HttpClient http, String tokenUrl, String subject, String tenant, String roles) {
		String url = tokenUrl + "?sub=" + encode(subject) + "&tenant=" + encode(tenant) + "&roles=" + encode(roles);
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return null;
			}
			String body = response.body().trim();
			if (body.startsWith("{")) {
				Matcher matcher = TOKEN_FIELD.matcher(body);
				return matcher.find() ? matcher.group(1) : null;
			}
			return body.isEmpty() ? null : body;
		}
		catch (java.io.IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
