package dev.orderpipeline.infra.auth;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

import static dev.orderpipeline.infra.auth.HttpMessages.error;
import static dev.orderpipeline.infra.auth.HttpMessages.respondJson;

/**
 * The client credentials grant (RFC 6749 section 4.4, with the error responses of section
 * 5.2) for the registered {@link MachineClient machine clients}: credentials from HTTP
 * Basic or, failing that, from the form.
 */
final class ClientCredentialsGrant {

	private final Map<String, MachineClient> clients = new ConcurrentHashMap<>();

	private final LocalIdentityProvider issuer;

	ClientCredentialsGrant(LocalIdentityProvider issuer) {
		this.issuer = issuer;
	}

	void register(MachineClient client) {
		this.clients.put(client.clientId(), client);
	}

	void handle(HttpExchange exchange) throws IOException {
		Map<String, String> form = HttpMessages
			.parseForm(new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8));
		String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
		if (credentials == null && form.containsKey("client_id")) {
			credentials = new String[] { form.get("client_id"), form.getOrDefault("client_secret", "") };
		}
		MachineClient client = (credentials != null) ? this.clients.get(credentials[0]) : null;
		if (client == null || !secretMatches(client.clientSecret(), credentials[1])) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"local-identity-provider\"");
			respondJson(exchange, 401, error("invalid_client", "Unknown client or wrong secret"));
			return;
		}
		String grantType = form.get("grant_type");
		if (grantType == null) {
			respondJson(exchange, 400, error("invalid_request", "grant_type is required"));
			return;
		}
		if (!"client_credentials".equals(grantType)) {
			respondJson(exchange, 400, error("unsupported_grant_type", "Only client_credentials is supported"));
			return;
		}
		String token = this.issuer.mint(client.clientId(), null, client.roles(), null,
				LocalIdentityProvider.CLIENT_TOKEN_TTL);
		respondJson(exchange, 200, HttpMessages.tokenResponse(token, LocalIdentityProvider.CLIENT_TOKEN_TTL));
	}

	/**
	 * In constant time, so response times do not hint at how much of a secret matched.
	 */
	private static boolean secretMatches(String expected, String given) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}

	private static String[] basicCredentials(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return null;
			}
			// RFC 6749 section 2.3.1: both parts are form-urlencoded before encoding.
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
