package dev.orderpipeline.infra.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.orderpipeline.infra.InfrastructureException;

/**
 * A small OAuth2 / OpenID-style token issuer for the local run and the tests, never for
 * production: an in-process HTTP server on 127.0.0.1 with its own RSA key, made new on
 * every start.
 *
 * <ul>
 * <li>{@code GET /jwks.json}: the public key set the services verify tokens with;</li>
 * <li>{@code GET /.well-known/openid-configuration}: issuer, jwks_uri,
 * token_endpoint;</li>
 * <li>{@code POST /oauth2/token}: the client credentials grant for registered
 * {@link MachineClient machine clients} (HTTP Basic or form parameters);</li>
 * <li>{@code GET /dev/tokens}: a token for each {@link DemoUser demo user};</li>
 * <li>{@code GET /dev/token?sub=&tenant=&roles=&email=&ttl=}: any token (JSON, or the
 * bare token with {@code Accept: text/plain}).</li>
 * </ul>
 */
public final class LocalIdentityProvider implements AutoCloseable {

	/** The audience every token of this project carries and every service requires. */
	public static final String AUDIENCE = "order-pipeline";

	public static final String KEY_ID = "local-identity-provider";

	/** How long demo and dev tokens live: a working session. */
	public static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);

	/**
	 * How long client credentials tokens live; clients fetch a new one when it expires.
	 */
	public static final Duration CLIENT_TOKEN_TTL = Duration.ofMinutes(15);

	private final HttpServer server;

	private final ExecutorService executor;

	private final TokenSigner signer;

	private final String issuer;

	private final Clock clock;

	private final Map<String, MachineClient> clients = new ConcurrentHashMap<>();

	private LocalIdentityProvider(HttpServer server, ExecutorService executor, TokenSigner signer, Clock clock) {
		this.server = server;
		this.executor = executor;
		this.signer = signer;
		this.clock = clock;
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Starts on the given loopback port; 0 picks a free one. */
	public static LocalIdentityProvider start(int port) {
		return start(port, Clock.systemUTC());
	}

	static LocalIdentityProvider start(int port, Clock clock) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		}
		catch (BindException ex) {
			throw new InfrastructureException("The local identity provider cannot listen on port " + port
					+ ": it is taken (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "identity-provider-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		LocalIdentityProvider provider = new LocalIdentityProvider(server, executor, TokenSigner.generate(KEY_ID),
				clock);
		server.setExecutor(executor);
		server.createContext("/", provider::handle);
		server.start();
		return provider;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** The {@code iss} of every token, and the services' {@code issuer-uri}. */
	public String issuer() {
		return issuer;
	}

	/** The services' {@code jwk-set-uri}. */
	public String jwkSetUri() {
		return issuer + "/jwks.json";
	}

	public String tokenUri() {
		return issuer + "/oauth2/token";
	}

	public String devTokensUri() {
		return issuer + "/dev/tokens";
	}

	/**
	 * The three Spring Boot resource server properties that make a service trust this
	 * provider.
	 */
	public Map<String, String> resourceServerProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer());
		properties.put("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
		return properties;
	}

	/** Lets a machine client get tokens with the client credentials grant. */
	public void registerClient(MachineClient client) {
		clients.put(client.clientId(), client);
	}

	/**
	 * A valid access token for any caller.
	 * @param tenant the {@code tenant_id} claim, left out when null
	 * @param email the {@code email} claim, left out when null
	 */
	public String mint(String subject, String tenant, Collection<String> roles, String email, Duration ttl) {
		return signer
			.sign(TokenSigner.claims(issuer, AUDIENCE, subject, tenant, roles, email, clock.instant(), ttl).build());
	}

	/**
	 * Signs any claims with this provider's key, for tests of tokens with wrong claims.
	 */
	public String sign(JWTClaimsSet claims) {
		return signer.sign(claims);
	}

	public String mint(DemoUser user) {
		return mint(user.subject(), user.tenant(), user.roles(), user.email(), DEV_TOKEN_TTL);
	}

	/** Fresh tokens for the demo users, by name, as {@code /dev/tokens} serves them. */
	public Map<String, String> demoTokens() {
		Map<String, String> tokens = new LinkedHashMap<>();
		DemoUser.ALL.forEach(user -> tokens.put(user.name(), mint(user)));
		return tokens;
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			switch (path) {
				case "/jwks.json" -> onlyGet(exchange, method, () -> respond(exchange, 200, signer.publicJwkSetJson()));
				case "/.well-known/openid-configuration" ->
					onlyGet(exchange, method, () -> respondJson(exchange, 200, discoveryDocument()));
				case "/dev/tokens" -> onlyGet(exchange, method, () -> respondJson(exchange, 200, demoTokens()));
				case "/dev/token" -> onlyGet(exchange, method, () -> devToken(exchange));
				case "/oauth2/token" -> {
					if ("POST".equals(method)) {
						clientCredentialsToken(exchange);
					}
					else {
						exchange.getResponseHeaders().set("Allow", "POST");
						respondJson(exchange, 405, Map.of("error", "invalid_request", "error_description",
								"Use POST with grant_type=client_credentials"));
					}
				}
				default -> respondJson(exchange, 404, Map.of("error", "not_found", "error_description",
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

	private void onlyGet(HttpExchange exchange, String method, Response response) throws IOException {
		if ("GET".equals(method) || "HEAD".equals(method)) {
			response.write();
		}
		else {
			exchange.getResponseHeaders().set("Allow", "GET");
			respondJson(exchange, 405, Map.of("error", "invalid_request", "error_description", "Use GET"));
		}
	}

	private Map<String, Object> discoveryDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", jwkSetUri());
		document.put("token_endpoint", tokenUri());
		document.put("grant_types_supported", List.of("client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		return document;
	}

	private void devToken(HttpExchange exchange) throws IOException {
		Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
		String subject = query.get("sub");
		if (subject == null || subject.isBlank()) {
			respondJson(exchange, 400, Map.of("error", "invalid_request", "error_description",
					"sub is required: /dev/token?sub=customer-1&tenant=acme&roles=customer&email=a@example.com&ttl=3600"));
			return;
		}
		List<String> roles = Arrays.stream(query.getOrDefault("roles", "customer").split(","))
			.map(String::trim)
			.filter(role -> !role.isEmpty())
			.toList();
		Duration ttl = DEV_TOKEN_TTL;
		if (query.containsKey("ttl")) {
			try {
				ttl = Duration.ofSeconds(Long.parseLong(query.get("ttl")));
			}
			catch (NumberFormatException ex) {
				respondJson(exchange, 400,
						Map.of("error", "invalid_request", "error_description", "ttl is a number of seconds"));
				return;
			}
		}
		String token = mint(subject, query.getOrDefault("tenant", "default"), roles, query.get("email"), ttl);
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		if (accept != null && accept.contains("text/plain")) {
			exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
			respond(exchange, 200, token);
		}
		else {
			respondJson(exchange, 200, tokenResponse(token, ttl));
		}
	}

	/** RFC 6749 section 4.4, with the error responses of section 5.2. */
	private void clientCredentialsToken(HttpExchange exchange) throws IOException {
		Map<String, String> form = parseForm(
				new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8));
		String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
		if (credentials == null && form.containsKey("client_id")) {
			credentials = new String[] { form.get("client_id"), form.getOrDefault("client_secret", "") };
		}
		MachineClient client = (credentials != null) ? clients.get(credentials[0]) : null;
		if (client == null || !secretMatches(client.clientSecret(), credentials[1])) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"local-identity-provider\"");
			respondJson(exchange, 401,
					Map.of("error", "invalid_client", "error_description", "Unknown client or wrong secret"));
			return;
		}
		String grantType = form.get("grant_type");
		if (grantType == null) {
			respondJson(exchange, 400,
					Map.of("error", "invalid_request", "error_description", "grant_type is required"));
			return;
		}
		if (!"client_credentials".equals(grantType)) {
			respondJson(exchange, 400, Map.of("error", "unsupported_grant_type", "error_description",
					"Only client_credentials is supported"));
			return;
		}
		String token = mint(client.clientId(), null, client.roles(), null, CLIENT_TOKEN_TTL);
		respondJson(exchange, 200, tokenResponse(token, CLIENT_TOKEN_TTL));
	}

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

	private static Map<String, Object> tokenResponse(String token, Duration ttl) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", token);
		response.put("token_type", "Bearer");
		response.put("expires_in", ttl.toSeconds());
		return response;
	}

	private static Map<String, String> parseForm(String encoded) {
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

	private static void respondJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		respond(exchange, status, JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(body)));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
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
