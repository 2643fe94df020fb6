package dev.orderpipeline.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OpenApiDocumentTests {

	@LocalServerPort
	private int port;

	@Test
	void describesTheSearchAndRebuildEndpoints() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v3/api-docs"))
				.header("Authorization", TestTokens.bearer(TestTokens.ops()))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext document = JsonPath.parse(response.body());
		List<String> parameters = document.read("$.paths['/search/orders'].get.parameters[*].name");
		assertThat(parameters).containsExactly("q", "status", "customerId", "sku", "from", "to", "page", "size");
		Map<String, Object> rebuild = document.read("$.paths['/projection/rebuild']");
		assertThat(rebuild).containsKey("post");
		Map<String, Object> status = document.read("$.paths['/projection/rebuild/{id}']");
		assertThat(status).containsKey("get");
		Map<String, Object> schemas = document.read("$.components.schemas");
		assertThat(schemas).containsKeys("SearchPage", "OrderDocumentView", "RebuildStatus", "PartitionProgress");
	}

}
