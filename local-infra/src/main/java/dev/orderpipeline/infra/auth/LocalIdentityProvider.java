package dev.orderpipeline.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
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

	private final Clock clock = Clock.systemUTC();

	private final ClientCredentialsGrant clientCredentials = new ClientCredentialsGrant(this);

	private LocalIdentityProvider(HttpServer server, ExecutorService executor, TokenSigner signer) {
		this.server = server;
		this.executor = executor;
		this.signer = signer;
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Starts on the given loopback port; 0 picks a free one. */
	public static LocalIdentityProvider start(int port) {
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
		LocalIdentityProvider provider = new LocalIdentityProvider(server, executor, TokenSigner.generate(KEY_ID));
		server.setExecutor(executor);
		server.createContext("/", new IdentityEndpoints(provider, provider.clientCredentials));
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
		this.clientCredentials.register(client);
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

	/** What {@code /jwks.json} serves: the public half of this run's key. */
	String publicJwkSetJson() {
		return this.signer.publicJwkSetJson();
	}

}
