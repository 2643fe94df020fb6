package dev.orderpipeline.analytics;

import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.ServiceInfrastructureContract;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ServiceWiringTest extends ServiceInfrastructureContract {

	/** Here, not in a slice: springdoc builds the document from the running context. */
	@Test
	void theOpenApiDocumentDescribesTheReportEndpointsAndTheirProblems() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs", TestTokens.ops());

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext document = JsonPath.parse(response.body());
		Map<String, Object> paths = document.read("$.paths");
		assertThat(paths).containsKeys("/analytics/daily", "/analytics/skus", "/analytics/summary");
		Map<String, Object> dailyResponses = document.read("$.paths['/analytics/daily'].get.responses");
		assertThat(dailyResponses).containsKey("400");
	}

}
