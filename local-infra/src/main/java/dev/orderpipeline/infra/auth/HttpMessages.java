package dev.orderpipeline.infra.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;

/**
 * Reading form parameters from and writing JSON to the JDK's {@link HttpExchange}: the
 * little of a web framework the identity provider's endpoints need.
 */
final class HttpMessages {

	private HttpMessages() {
	}

	/** An OAuth2 error response body (RFC 6749 section 5.2). */
	static Map<String, Object> error(String code, String description) {
		return Map.of("error", code, "error_description", description);
	}

	/** A successful token response (RFC 6749 section 5.1). */
	static Map<String, Object> tokenResponse(String token, Duration ttl) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", token);
		response.put("token_type", "Bearer");
		response.put("expires_in", ttl.toSeconds());
		return response;
	}

	/**
	 * Parses {@code application/x-www-form-urlencoded} text (a query or a body); the
	 * first value of a repeated name wins.
	 */
	static Map<String, String> parseForm(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return values;
	}

	/** Tokens are credentials: no cache may keep a response. */
	static void respondJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		respond(exchange, status, JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(body)));
	}

	static void respond(HttpExchange exchange, int status, String body) throws IOException {
		if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
