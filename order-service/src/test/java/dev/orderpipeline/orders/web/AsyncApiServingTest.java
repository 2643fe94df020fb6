package dev.orderpipeline.orders.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document and the schemas it references are served byte for byte as
 * {@code common-events} ships them, and its relative references resolve over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AsyncApiServingTest {

	private static final Pattern PLACED_V1_REF = Pattern
		.compile("\\$ref: '([^']*order\\.placed\\.v1\\.schema\\.json)'");

	@Value("${local.server.port}")
	int port;

	@Test
	void servesTheDocumentAndTheSchemasItReferencesAsTheJarHasThem() throws Exception {
		URI documentUri = URI.create("http://127.0.0.1:" + this.port + "/asyncapi/order-events.asyncapi.yaml");
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> document = http.send(HttpRequest.newBuilder(documentUri).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/yaml"));
		assertThat(document.body()).isEqualTo(classpath("asyncapi/order-events.asyncapi.yaml"));

		Matcher ref = PLACED_V1_REF.matcher(document.body());
		assertThat(ref.find()).isTrue();
		HttpResponse<String> schema = http.send(HttpRequest.newBuilder(documentUri.resolve(ref.group(1))).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(schema.statusCode()).isEqualTo(200);
		assertThat(schema.body()).isEqualTo(EventSchemas.readSchema(EventType.ORDER_PLACED_V1));
	}

	@Test
	void anUnknownSchemaIsAProblemNotAFileLookup() {
		OrderApi api = new OrderApi(this.port);

		HttpResponse<String> missing = api.get("/schemas/..%2Fapplication.yml");

		assertThat(missing.statusCode()).isIn(400, 404);
		assertThat(api.get("/schemas/order.unknown.v9.schema.json").statusCode()).isEqualTo(404);
		assertThat(OrderApi.problem(api.get("/schemas/order.unknown.v9.schema.json"))).containsEntry("status", 404);
	}

	private static String classpath(String resource) throws IOException {
		try (InputStream in = AsyncApiServingTest.class.getClassLoader().getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

}
