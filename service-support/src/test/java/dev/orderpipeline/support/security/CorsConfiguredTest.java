package dev.orderpipeline.support.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "pipeline.security.cors.allowed-origins=https://shop.example.com")
class CorsConfiguredTest {

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
	void aConfiguredOriginPassesThePreflightWithoutAToken() throws Exception {
		HttpResponse<String> preflight = preflight("https://shop.example.com");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void anotherOriginIsRefused() throws Exception {
		HttpResponse<String> preflight = preflight("https://evil.example.com");

		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theActualRequestStillNeedsAToken() throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
				.header("Origin", "https://shop.example.com")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
