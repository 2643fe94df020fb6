package dev.orderpipeline.support.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import dev.orderpipeline.infra.auth.TokenSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,info,prometheus,metrics",
				"pipeline.security.access[0].paths=/reports/**", "pipeline.security.access[0].roles=ADMIN,OPS",
				"pipeline.security.access[1].paths=/contract", "pipeline.security.access[1].method=GET",
				"pipeline.security.access[1].open=true" })
class PipelineSecurityTest {

	static final LocalIdentityProvider identityProvider = LocalIdentityProvider.start(0);

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void trustTheIdentityProvider(DynamicPropertyRegistry registry) {
		identityProvider.resourceServerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopIdentityProvider() {
		identityProvider.close();
	}

	@Test
	void aVerifiedCustomerTokenBecomesTheCaller() throws Exception {
		HttpResponse<String> response = get("/whoami", customer());

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext body = JsonPath.parse(response.body());
		assertThat(body.read("$.subject", String.class)).isEqualTo("customer-ana");
		assertThat(body.read("$.fromContext", String.class)).isEqualTo("customer-ana");
		assertThat(body.read("$.tenantId", String.class)).isEqualTo("acme");
		assertThat(body.read("$.email", String.class)).isEqualTo("ana@example.com");
		assertThat(body.read("$.roles", List.class)).containsExactly("customer");
		assertThat(response.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
	}

	@Test
	void noTokenIs401ProblemWithABearerChallenge() throws Exception {
		HttpResponse<String> response = get("/whoami", null);

		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void anExpiredTokenIs401() throws Exception {
		Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
		String expired = identityProvider.sign(claims().issueTime(java.util.Date.from(twoHoursAgo))
			.expirationTime(java.util.Date.from(twoHoursAgo.plus(Duration.ofMinutes(5))))
			.build());

		assertInvalidToken(get("/whoami", expired));
	}

	@Test
	void aTokenSignedWithAnotherKeyIs401() throws Exception {
		String forged = TokenSigner.generate(LocalIdentityProvider.KEY_ID).sign(claims().build());

		assertInvalidToken(get("/whoami", forged));
	}

	@Test
	void aTokenOfAnotherIssuerIs401() throws Exception {
		assertInvalidToken(get("/whoami", identityProvider.sign(claims().issuer("https://elsewhere.example").build())));
	}

	@Test
	void aTokenForAnotherAudienceIs401() throws Exception {
		assertInvalidToken(get("/whoami", identityProvider.sign(claims().audience("another-api").build())));
	}

	@Test
	void aTokenThatIsNotAJwtIs401() throws Exception {
		assertInvalidToken(get("/whoami", "not.a.jwt"));
	}

	@Test
	void aCustomerOnAnAdminEndpointIs403Problem() throws Exception {
		HttpResponse<String> response = post("/admin/products", customer());

		assertThat(response.statusCode()).isEqualTo(403);
		assertProblem(response, "https://errors.orderpipeline.dev/forbidden", 403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).contains("insufficient_scope"));
	}

	@Test
	void anAdminMayUseTheAdminEndpoint() throws Exception {
		assertThat(post("/admin/products", token("admin-alex", "acme", "admin")).statusCode()).isEqualTo(200);
	}

	@Test
	void configuredAccessRulesDecideWhoMayCallTheirPaths() throws Exception {
		assertThat(get("/reports/daily", token("admin-alex", "acme", "admin")).statusCode()).isEqualTo(200);
		assertThat(get("/reports/daily", token("ops-olga", "acme", "ops")).statusCode()).isEqualTo(200);
		HttpResponse<String> customer = get("/reports/daily", customer());
		assertThat(customer.statusCode()).isEqualTo(403);
		assertProblem(customer, "https://errors.orderpipeline.dev/forbidden", 403);
		assertThat(get("/contract", null).statusCode()).as("an open rule needs no token").isEqualTo(200);
		assertThat(get("/whoami", null).statusCode()).as("unlisted paths stay authenticated").isEqualTo(401);
	}

	@Test
	void healthAndInfoAreOpen() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusNeedsTheOpsOrMonitoringRole() throws Exception {
		assertUnauthorized(get("/actuator/prometheus", null));
		assertThat(get("/actuator/prometheus", customer()).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/prometheus", token("admin-alex", "acme", "admin")).statusCode()).isEqualTo(403);

		HttpResponse<String> monitoring = get("/actuator/prometheus", token("pipeline-monitor", null, "monitoring"));
		assertThat(monitoring.statusCode()).isEqualTo(200);
		assertThat(monitoring.body()).contains("jvm_memory_used_bytes");
		assertThat(get("/actuator/prometheus", token("ops-olga", "acme", "ops")).statusCode()).isEqualTo(200);
	}

	@Test
	void otherManagementEndpointsAreForOpsOnly() throws Exception {
		assertThat(get("/actuator/metrics", token("pipeline-monitor", null, "monitoring")).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/metrics", customer()).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/metrics", token("ops-olga", "acme", "ops")).statusCode()).isEqualTo(200);
	}

	@Test
	void apiResponsesCarryStrictSecurityHeaders() throws Exception {
		for (HttpResponse<String> response : List.of(get("/whoami", customer()), get("/whoami", null))) {
			assertThat(response.headers().firstValue("Content-Security-Policy"))
				.hasValue(PipelineSecurityProperties.Headers.API_POLICY);
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Cache-Control"))
				.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		}
	}

	@Test
	void aPageMaySetItsOwnContentSecurityPolicy() throws Exception {
		HttpResponse<String> response = get("/page", customer());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'self'");
	}

	@Test
	void configuredPagePathsGetThePagePolicy() throws Exception {
		HttpResponse<String> response = get("/swagger-ui/index.html", customer());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Content-Security-Policy"))
			.containsExactly(PipelineSecurityProperties.Headers.PAGE_POLICY);
	}

	@Test
	void crossOriginRequestsAreNotAllowedUnlessConfigured() throws Exception {
		HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/whoami"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://shop.example.com")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> simple = http.send(HttpRequest.newBuilder(uri("/whoami"))
			.header("Origin", "https://shop.example.com")
			.header("Authorization", "Bearer " + customer())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	static com.nimbusds.jwt.JWTClaimsSet.Builder claims() {
		return TokenSigner.claims(identityProvider.issuer(), LocalIdentityProvider.AUDIENCE, "customer-ana", "acme",
				List.of("customer"), "ana@example.com", Instant.now(), Duration.ofMinutes(5));
	}

	static String customer() {
		return identityProvider.mint("customer-ana", "acme", List.of("customer"), "ana@example.com",
				Duration.ofMinutes(5));
	}

	static String token(String subject, String tenant, String role) {
		return identityProvider.mint(subject, tenant, List.of(role), null, Duration.ofMinutes(5));
	}

	private void assertInvalidToken(HttpResponse<String> response) {
		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response, "https://errors.orderpipeline.dev/unauthorized", 401);
	}

	private static void assertProblem(HttpResponse<String> response, String type, int status) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.type", String.class)).isEqualTo(type);
		assertThat(problem.read("$.status", Integer.class)).isEqualTo(status);
		assertThat(problem.read("$.title", String.class)).isNotBlank();
		assertThat(problem.read("$.detail", String.class)).isNotBlank();
		assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("Jwt").doesNotContain("kid");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
