package dev.orderpipeline.analytics.reports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad query parameters are answered with a 400 problem document naming them, never with a
 * 500 or an empty result. Same context as the other integration tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ReportValidationTests {

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/analytics/daily?from=2026-11-30&to=2026-11-01                | to
			/analytics/summary?from=2026-01-01&to=2027-01-02              | to
			/analytics/daily?from=2026-11-01&to=2026-11-30&currency=eur   | currency
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=0         | limit
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=1001      | limit
			""")
	void unacceptableParametersAreProblemsNamingTheField(String path, String field) throws Exception {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Invalid report query");
		assertThat(problem.get("errors")).extracting((error) -> error.get("field").asString()).containsExactly(field);
	}

	@Test
	void everyUnacceptableParameterIsListed() throws Exception {
		HttpResponse<String> response = get("/analytics/skus?from=2026-11-30&to=2026-11-01&currency=E&limit=5000");

		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("errors")).extracting((error) -> error.get("field").asString())
			.containsExactly("to", "currency", "limit");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			/analytics/daily?to=2026-11-30
			/analytics/daily?from=2026-13-01&to=2026-11-30
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=ten
			""")
	void missingOrMalformedParametersAreProblems(String path) throws Exception {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).get("status").asInt()).isEqualTo(400);
	}

	@Test
	void theOpenApiDocumentDescribesTheEndpoints() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode paths = this.json.readTree(response.body()).get("paths");
		assertThat(paths.has("/analytics/daily")).isTrue();
		assertThat(paths.has("/analytics/skus")).isTrue();
		assertThat(paths.has("/analytics/summary")).isTrue();
		assertThat(paths.get("/analytics/daily").get("get").get("responses").has("400")).isTrue();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization",
					TestTokens.bearer(TestTokens.token(TestTokens.OPS_SUBJECT, TestOrders.TENANT, null, "ops")))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
