package dev.orderpipeline.infra.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import static dev.orderpipeline.infra.auth.HttpMessages.error;
import static dev.orderpipeline.infra.auth.HttpMessages.respond;
import static dev.orderpipeline.infra.auth.HttpMessages.respondJson;

/**
 * The identity provider's HTTP endpoints (listed on {@link LocalIdentityProvider}):
 * routes each request by path and method, and answers every error with an OAuth2-style
 * JSON body.
 */
final class IdentityEndpoints implements HttpHandler {

	private final LocalIdentityProvider provider;

	private final ClientCredentialsGrant clientCredentials;

	IdentityEndpoints(LocalIdentityProvider provider, ClientCredentialsGrant clientCredentials) {
		this.provider = provider;
		this.clientCredentials = clientCredentials;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			switch (path) {
				case "/jwks.json" ->
					onlyGet(exchange, method, () -> respond(exchange, 200, this.provider.publicJwkSetJson()));
				case "/.well-known/openid-configuration" ->
					onlyGet(exchange, method, () -> respondJson(exchange, 200, discoveryDocument()));
				case "/dev/tokens" ->
					onlyGet(exchange, method, () -> respondJson(exchange, 200, this.provider.demoTokens()));
				case "/dev/token" -> onlyGet(exchange, method, () -> devToken(exchange));
				case "/oauth2/token" -> {
					if ("POST".equals(method)) {
						this.clientCredentials.handle(exchange);
					}
					else {
						exchange.getResponseHeaders().set("Allow", "POST");
						respondJson(exchange, 405,
								error("invalid_request", "Use POST with grant_type=client_credentials"));
					}
				}
				default -> respondJson(exchange, 404, error("not_found",
						"Endpoints: /jwks.json, /.well-known/openid-configuration, /oauth2/token, /dev/tokens, /dev/token"));
			}
		}
		catch (RuntimeException ex) {
			// A local tool: the caller sees a JSON error, never a stack trace.
			respondJson(exchange, 500, Map.of("error", "server_error"));
		}
	}

	private interface Response {

		void write() throws IOException;

	}

	private static void onlyGet(HttpExchange exchange, String method, Response response) throws IOException {
		if ("GET".equals(method) || "HEAD".equals(method)) {
			response.write();
		}
		else {
			exchange.getResponseHeaders().set("Allow", "GET");
			respondJson(exchange, 405, error("invalid_request", "Use GET"));
		}
	}

	private Map<String, Object> discoveryDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.provider.issuer());
		document.put("jwks_uri", this.provider.jwkSetUri());
		document.put("token_endpoint", this.provider.tokenUri());
		document.put("grant_types_supported", List.of("client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		return document;
	}

	private void devToken(HttpExchange exchange) throws IOException {
		Map<String, String> query = HttpMessages.parseForm(exchange.getRequestURI().getRawQuery());
		String subject = query.get("sub");
		if (subject == null || subject.isBlank()) {
			respondJson(exchange, 400, error("invalid_request",
					"sub is required: /dev/token?sub=customer-1&tenant=acme&roles=customer&email=a@example.com&ttl=3600"));
			return;
		}
		List<String> roles = Arrays.stream(query.getOrDefault("roles", "customer").split(","))
			.map(String::trim)
			.filter(role -> !role.isEmpty())
			.toList();
		Duration ttl = LocalIdentityProvider.DEV_TOKEN_TTL;
		if (query.containsKey("ttl")) {
			try {
				ttl = Duration.ofSeconds(Long.parseLong(query.get("ttl")));
			}
			catch (NumberFormatException ex) {
				respondJson(exchange, 400, error("invalid_request", "ttl is a number of seconds"));
				return;
			}
		}
		String token = this.provider.mint(subject, query.getOrDefault("tenant", "default"), roles, query.get("email"),
				ttl);
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		if (accept != null && accept.contains("text/plain")) {
			exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
			respond(exchange, 200, token);
		}
		else {
			respondJson(exchange, 200, HttpMessages.tokenResponse(token, ttl));
		}
	}

}
