package dev.orderpipeline.infra.auth;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.orderpipeline.infra.InfrastructureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalIdentityProviderTest {

	private static LocalIdentityProvider provider;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.start(0);
		provider.registerClient(new MachineClient("pipeline-monitor", "s3cret", List.of("monitoring")));
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void mintedTokensVerifyAgainstTheServedKeySetAndCarryTheContractClaims() throws Exception {
		String token = provider.mint("customer-1", "acme", List.of("customer"), "c1@example.com",
				Duration.ofMinutes(5));

		JWTClaimsSet claims = verifyWithServedKeys(token);

		assertThat(claims.getIssuer()).isEqualTo(provider.issuer()).isEqualTo("http://127.0.0.1:" + provider.port());
		assertThat(claims.getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);
		assertThat(claims.getSubject()).isEqualTo("customer-1");
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo("acme");
		assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
		assertThat(claims.getStringClaim("email")).isEqualTo("c1@example.com");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
	}

	@Test
	void tokensOfAnotherKeyWithTheSameKeyIdDoNotVerify() {
		String forged = TokenSigner.generate(LocalIdentityProvider.KEY_ID)
			.sign(TokenSigner
				.claims(provider.issuer(), LocalIdentityProvider.AUDIENCE, "customer-1", "acme", List.of("customer"),
						null, java.time.Instant.now(), Duration.ofMinutes(5))
				.build());

		assertThatThrownBy(() -> verifyWithServedKeys(forged)).isInstanceOf(BadJOSEException.class);
	}

	@Test
	void servesTheDiscoveryDocument() throws Exception {
		Map<String, Object> document = getJson("/.well-known/openid-configuration");

		assertThat(document).containsEntry("issuer", provider.issuer())
			.containsEntry("jwks_uri", provider.jwkSetUri())
			.containsEntry("token_endpoint", provider.tokenUri());
	}

	@Test
	void devTokensServesAVerifiableTokenForEveryDemoUser() throws Exception {
		Map<String, Object> tokens = getJson("/dev/tokens");

		assertThat(tokens).containsOnlyKeys("customer", "customer2", "otherTenantCustomer", "admin", "catalogAdmin",
				"ops");
		JWTClaimsSet carla = verifyWithServedKeys((String) tokens.get("otherTenantCustomer"));
		assertThat(carla.getSubject()).isEqualTo("customer-carla");
		assertThat(carla.getStringClaim("tenant_id")).isEqualTo("globex");
		assertThat(verifyWithServedKeys((String) tokens.get("ops")).getStringListClaim("roles")).containsExactly("ops");
		assertThat(verifyWithServedKeys((String) tokens.get("admin")).getStringListClaim("roles"))
			.containsExactly("admin");
		JWTClaimsSet cora = verifyWithServedKeys((String) tokens.get("catalogAdmin"));
		assertThat(cora.getStringListClaim("roles")).containsExactly("catalog-admin");
		assertThat(cora.getClaim("tenant_id")).as("a platform role belongs to no tenant").isNull();
	}

	@Test
	void devTokenMintsAnyTokenAsJsonOrPlainText() throws Exception {
		Map<String, Object> response = getJson("/dev/token?sub=bench-7&tenant=acme&roles=customer,admin&ttl=60");
		JWTClaimsSet claims = verifyWithServedKeys((String) response.get("access_token"));
		assertThat(claims.getSubject()).isEqualTo("bench-7");
		assertThat(claims.getStringListClaim("roles")).containsExactly("customer", "admin");
		assertThat(response).containsEntry("expires_in", 60L);

		HttpResponse<String> plain = http
			.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/dev/token?sub=bench-8&tenant=acme"))
				.header("Accept", "text/plain")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(verifyWithServedKeys(plain.body()).getSubject()).isEqualTo("bench-8");

		HttpResponse<String> missingSubject = http.send(
				HttpRequest.newBuilder(URI.create(provider.issuer() + "/dev/token?tenant=acme")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(missingSubject.statusCode()).isEqualTo(400);
		assertThat(JSONObjectUtils.parse(missingSubject.body())).containsEntry("error", "invalid_request");
	}

	@Test
	void clientCredentialsGrantIssuesARoleTokenWithoutTenant() throws Exception {
		HttpResponse<String> response = tokenRequest(basic("pipeline-monitor", "s3cret"),
				"grant_type=client_credentials");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		Map<String, Object> body = JSONObjectUtils.parse(response.body());
		assertThat(body).containsEntry("token_type", "Bearer").containsKey("expires_in");
		JWTClaimsSet claims = verifyWithServedKeys((String) body.get("access_token"));
		assertThat(claims.getSubject()).isEqualTo("pipeline-monitor");
		assertThat(claims.getStringListClaim("roles")).containsExactly("monitoring");
		assertThat(claims.getClaim("tenant_id")).isNull();
	}

	@Test
	void clientCredentialsMayBeSentAsFormParameters() throws Exception {
		HttpResponse<String> response = tokenRequest(null,
				"grant_type=client_credentials&client_id=pipeline-monitor&client_secret=s3cret");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void aWrongSecretIsAnInvalidClientErrorWith401() throws Exception {
		HttpResponse<String> response = tokenRequest(basic("pipeline-monitor", "guess"),
				"grant_type=client_credentials");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client")
			.doesNotContainKey("access_token");
	}

	@Test
	void anUnknownClientIsAnInvalidClientErrorWith401() throws Exception {
		HttpResponse<String> response = tokenRequest(basic("someone", "s3cret"), "grant_type=client_credentials");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
	}

	@Test
	void anotherGrantTypeIsUnsupported() throws Exception {
		HttpResponse<String> response = tokenRequest(basic("pipeline-monitor", "s3cret"),
				"grant_type=password&username=a&password=b");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void aTakenPortIsReportedByNumber() {
		assertThatThrownBy(() -> LocalIdentityProvider.start(provider.port()))
			.isInstanceOf(InfrastructureException.class)
			.hasMessageContaining(String.valueOf(provider.port()));
	}

	private JWTClaimsSet verifyWithServedKeys(String token) throws Exception {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				JWKSourceBuilder.create(new URL(provider.jwkSetUri()), new DefaultResourceRetriever(10_000, 10_000))
					.retrying(false)
					.build()));
		return processor.process(token, null);
	}

	private Map<String, Object> getJson(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSONObjectUtils.parse(response.body());
	}

	private HttpResponse<String> tokenRequest(String authorization, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.tokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
