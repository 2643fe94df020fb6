package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ApiDocumentationTest {

	@Value("${local.server.port}")
	int port;

	@Test
	void documentsTheOrderAndCatalogEndpoints() {
		HttpResponse<String> response = new OrderApi(this.port).get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext api = JsonPath.parse(response.body());
		Map<String, Object> paths = api.read("$.paths");
		assertThat(paths).containsKeys("/orders", "/orders/{id}", "/orders/{id}/cancel", "/products", "/products/{sku}",
				"/products/{sku}/stock");
		assertThat(api.read("$.paths['/orders'].post.description", String.class)).contains("rounded half-up")
			.contains("Idempotency-Key");
		assertThat(api.read("$.paths['/orders'].post.requestBody.content['application/json'].examples", Map.class))
			.isNotEmpty();
		assertThat(api.read("$.paths['/orders'].post.responses", Map.class)).containsKeys("201", "400", "401", "403",
				"409", "422", "429", "503");
		assertThat(api.read("$.components.securitySchemes.bearer", Map.class)).containsEntry("type", "http")
			.containsEntry("scheme", "bearer")
			.containsEntry("bearerFormat", "JWT");
		assertThat(api.read("$.security[0]", Map.class)).containsKey("bearer");
		assertThat(api.read("$.paths['/orders'].post.description", String.class)).contains("access token");
		assertThat(api.read("$.paths['/orders'].post.responses['409'].content['application/problem+json'].examples",
				Map.class))
			.isNotEmpty();
		assertThat(api.read("$.info.description", String.class)).contains("rounded half-up");
		assertThat(paths).doesNotContainKey("/error");
	}

	@Test
	void servesSwaggerUi() {
		OrderApi api = new OrderApi(this.port);

		HttpResponse<String> ui = api.get("/swagger-ui/index.html");

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		assertThat(api.get("/swagger-ui.html").statusCode()).isIn(200, 302);
	}

}
