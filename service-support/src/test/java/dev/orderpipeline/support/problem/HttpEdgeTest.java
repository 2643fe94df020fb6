package dev.orderpipeline.support.problem;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared HTTP edge as a service gets it by depending on service-support: every
 * failure is a problem document with a stable type, and the access rules come from
 * configuration.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pipeline.http.max-body-size=1KB", "pipeline.security.access[0].paths=/edge/**",
				"pipeline.security.access[0].open=true" })
class HttpEdgeTest {

	static final String TYPES = "https://errors.orderpipeline.dev/";

	static final LocalIdentityProvider identityProvider = LocalIdentityProvider.start(0);

	static final PostgresServer postgres = startPostgres();

	private static boolean postgresStopped;

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		identityProvider.resourceServerProperties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("edge-test.jdbc-url", () -> postgres.jdbcUrl("postgres"));
	}

	@AfterAll
	static void stopInfrastructure() {
		identityProvider.close();
		stopPostgres();
	}

	private static synchronized void stopPostgres() {
		if (!postgresStopped) {
			postgresStopped = true;
			postgres.close();
		}
	}

	@Test
	void anInvalidRequestIsAValidationProblemListingEachField() throws Exception {
		HttpResponse<String> response = get("/edge/reports?limit=11");

		DocumentContext problem = assertProblem(response, 400, "validation");
		assertThat(problem.read("$.title", String.class)).isEqualTo("Invalid report query");
		assertThat(problem.read("$.errors[*].field", List.class)).containsExactly("limit");
	}

	@Test
	void aMissingOrUnreadableParameterIsAValidationProblemNamingIt() throws Exception {
		assertThat(assertProblem(get("/edge/reports"), 400, "validation").read("$.errors[*].field", List.class))
			.containsExactly("limit");
		assertThat(assertProblem(get("/edge/reports?limit=ten"), 400, "validation").read("$.errors[0].message",
				String.class))
			.isEqualTo("must be a valid int");
	}

	@Test
	void aTransactionWhoseConnectionDiedIs503WithRetryAfterNot500() throws Exception {
		HttpResponse<String> response = get("/edge/rollback-lost");

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(response.body()).doesNotContain("jdbc", "backend", "Exception");
	}

	@Test
	void aRollbackOnAConnectionThePoolClosedIs503WhenTheDatabaseWasLost() throws Exception {
		HttpResponse<String> response = get("/edge/rollback-on-closed");

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.body()).doesNotContain("backend", "Connection is closed");
	}

	/**
	 * The CI failure of stop 23: PostgreSQL stopped gracefully while orders committed.
	 */
	@Test
	void aCommitCutOffByADatabaseShutdownIs503NotInternalError() throws Exception {
		HttpResponse<String> response = get("/edge/commit-at-shutdown");

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body()).doesNotContain("administrator");
	}

	@Test
	void aTransientFailureHiddenBehindAFailedRollbackIs503NotInternalError() throws Exception {
		HttpResponse<String> response = get("/edge/rollback-after-timeout");

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body()).doesNotContain("statement", "Connection is closed", "Exception");
	}

	@Test
	void anUnreachableDatabaseIs503WithRetryAfter() throws Exception {
		assertThat(get("/edge/database").statusCode()).isEqualTo(200);
		stopPostgres();

		HttpResponse<String> response = get("/edge/database");

		DocumentContext problem = assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(problem.read("$.detail", String.class))
			.isEqualTo("The database is temporarily unavailable; retry later.");
		assertThat(response.body()).doesNotContain("jdbc", "postgres", "Exception");
	}

	@Test
	void anUnexpectedFailureIs500AndRevealsNothing() throws Exception {
		HttpResponse<String> response = get("/edge/failure");

		assertProblem(response, 500, "internal-error");
		assertThat(response.body()).doesNotContain("secret", "jdbc", "IllegalStateException");
	}

	@Test
	void aServicesOwnHandlerWinsOverTheSharedOne() throws Exception {
		assertProblem(get("/edge/stock"), 409, "insufficient-stock");
	}

	@Test
	void malformedJsonIs400AndNamesNoJavaType() throws Exception {
		HttpResponse<String> response = post("/edge/echo", "application/json",
				HttpRequest.BodyPublishers.ofString("{\"a\": "));

		assertProblem(response, 400, "malformed-request");
		assertThat(response.body()).doesNotContain("Map", "java.", "Jackson");
	}

	@Test
	void anotherMediaTypeIs415() throws Exception {
		assertProblem(post("/edge/echo", "text/plain", HttpRequest.BodyPublishers.ofString("hello")), 415,
				"unsupported-media-type");
	}

	@Test
	void aBodyOverTheConfiguredLimitIs413WhetherDeclaredOrChunked() throws Exception {
		String large = "{\"a\": \"" + "x".repeat(2048) + "\"}";

		assertProblem(post("/edge/echo", "application/json", HttpRequest.BodyPublishers.ofString(large)), 413,
				"payload-too-large");
		// Without a length up front (chunked), the body is counted while it is read.
		assertProblem(
				post("/edge/echo", "application/json",
						HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes()))),
				413, "payload-too-large");
		assertThat(
				post("/edge/echo", "application/json", HttpRequest.BodyPublishers.ofString("{\"a\": 1}")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void anUnknownPathIs404Problem() throws Exception {
		assertProblem(get("/edge/nothing-here"), 404, "not-found");
	}

	private static DocumentContext assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.type", String.class)).isEqualTo(TYPES + type);
		assertThat(problem.read("$.status", Integer.class)).isEqualTo(status);
		assertThat(problem.read("$.title", String.class)).isNotBlank();
		assertThat(problem.read("$.detail", String.class)).isNotBlank();
		return problem;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body)
			throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static PostgresServer startPostgres() {
		try {
			return PostgresServer.start(Ports.findFree(), Files.createTempDirectory("edge-test-postgres"), false,
					PostgresServer.Durability.FAST_UNSAFE, List.of());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
