package dev.orderpipeline.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import dev.orderpipeline.infra.auth.TokenSigner;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Access tokens for tests, minted by the test JVM's {@link TestIdentityProvider}, which a
 * service under test trusts when its test uses {@link WithRealInfrastructure} or
 * {@link WithTestIdentityProvider}.
 *
 * <pre class="code">
 * String ana = TestTokens.customer("customer-ana", "acme");
 * mockMvc.perform(get("/orders/{id}", id).with(TestTokens.bearerToken(ana)));
 * restClient.get().uri("/orders").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ana));
 * RestClient admin = builder.requestInterceptor(TestTokens.interceptor(TestTokens.admin())).build();
 * </pre>
 *
 * The bad tokens ({@link #expired()}, {@link #signedByAnotherKey()},
 * {@link #withIssuer(String)}, {@link #withAudience(String)}) are otherwise valid
 * customer tokens with exactly one defect, for the 401 tests.
 */
public final class TestTokens {

	/** The tenant of the admin, ops and default customer tokens. */
	public static final String TENANT = "acme";

	public static final String ADMIN_SUBJECT = "admin-test";

	public static final String CATALOG_ADMIN_SUBJECT = "catalog-admin-test";

	public static final String OPS_SUBJECT = "ops-test";

	public static final String MONITORING_SUBJECT = "monitoring-test";

	private static final Duration TTL = Duration.ofHours(1);

	private static TokenSigner anotherKey;

	private TestTokens() {
	}

	/** A customer token: the subject is the customer id. */
	public static String customer(String subject, String tenant) {
		return customer(subject, tenant, subject + "@example.com");
	}

	public static String customer(String subject, String tenant, String email) {
		return token(subject, tenant, email, "customer");
	}

	/** Customer {@code customer-ana} of tenant {@code acme}, as in the local run. */
	public static String customer() {
		return customer("customer-ana", TENANT, "ana@example.com");
	}

	public static String admin() {
		return admin(TENANT);
	}

	public static String admin(String tenant) {
		return token(ADMIN_SUBJECT, tenant, null, "admin");
	}

	/**
	 * A platform operator of the shared catalog: role {@code catalog-admin}, no tenant
	 * (the catalog belongs to no tenant, so a tenant's admin may not change it).
	 */
	public static String catalogAdmin() {
		return token(CATALOG_ADMIN_SUBJECT, null, null, "catalog-admin");
	}

	public static String ops() {
		return token(OPS_SUBJECT, TENANT, null, "ops");
	}

	/**
	 * A scraper's token: role {@code monitoring}, no tenant, as from client credentials.
	 */
	public static String monitoring() {
		return token(MONITORING_SUBJECT, null, null, "monitoring");
	}

	/**
	 * Any valid token.
	 * @param tenant left out of the token when null
	 * @param email left out of the token when null
	 */
	public static String token(String subject, String tenant, String email, String... roles) {
		return provider().mint(subject, tenant, List.of(roles), email, TTL);
	}

	/**
	 * A customer token that expired an hour ago (well beyond the decoder's clock skew).
	 */
	public static String expired() {
		return expired("customer-ana", TENANT);
	}

	public static String expired(String subject, String tenant) {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		return provider().sign(customerClaims(subject, tenant).issueTime(Date.from(issued))
			.expirationTime(Date.from(issued.plus(TTL)))
			.build());
	}

	/** A customer token with the provider's key id, signed with a different key. */
	public static String signedByAnotherKey() {
		return signedByAnotherKey("customer-ana", TENANT);
	}

	public static String signedByAnotherKey(String subject, String tenant) {
		return anotherKey().sign(customerClaims(subject, tenant).build());
	}

	/** A customer token signed by the provider's key, but naming another issuer. */
	public static String withIssuer(String issuer) {
		return provider().sign(customerClaims("customer-ana", TENANT).issuer(issuer).build());
	}

	/** A customer token signed by the provider's key, but for another audience. */
	public static String withAudience(String audience) {
		return provider().sign(customerClaims("customer-ana", TENANT).audience(audience).build());
	}

	/** The {@code Authorization} header value. */
	public static String bearer(String token) {
		return "Bearer " + token;
	}

	/** For MockMvc: {@code perform(get("/x").with(TestTokens.bearerToken(token)))}. */
	public static RequestPostProcessor bearerToken(String token) {
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, bearer(token));
			return request;
		};
	}

	/**
	 * For RestClient, RestTemplate and TestRestTemplate builders: adds the header to
	 * every request.
	 */
	public static ClientHttpRequestInterceptor interceptor(String token) {
		return (request, body, execution) -> {
			request.getHeaders().setBearerAuth(token);
			return execution.execute(request, body);
		};
	}

	/** Headers carrying the token, for {@code HttpEntity} based clients. */
	public static HttpHeaders headers(String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		return headers;
	}

	private static JWTClaimsSet.Builder customerClaims(String subject, String tenant) {
		LocalIdentityProvider provider = provider();
		return TokenSigner.claims(provider.issuer(), LocalIdentityProvider.AUDIENCE, subject, tenant,
				List.of("customer"), subject + "@example.com", Instant.now(), TTL);
	}

	private static LocalIdentityProvider provider() {
		return TestIdentityProvider.get();
	}

	private static synchronized TokenSigner anotherKey() {
		if (anotherKey == null) {
			anotherKey = TokenSigner.generate(LocalIdentityProvider.KEY_ID);
		}
		return anotherKey;
	}

}
