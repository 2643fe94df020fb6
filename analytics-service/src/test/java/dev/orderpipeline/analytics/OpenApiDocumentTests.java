package dev.orderpipeline.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service, because springdoc builds the document from the running context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OpenApiDocumentTests {

	@LocalServerPort
	private int port;

	@Test
	void describesTheReportEndpointsAndTheirProblems() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v3/api-docs"))
				.header("Authorization", TestTokens.bearer(TestTokens.ops()))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext document = JsonPath.parse(response.body());
		Map<String, Object> paths = document.read("$.paths");
		assertThat(paths).containsKeys("/analytics/daily", "/analytics/skus", "/analytics/summary");
		Map<String, Object> dailyResponses = document.read("$.paths['/analytics/daily'].get.responses");
		assertThat(dailyResponses).containsKey("400");
	}

}
