package dev.orderpipeline.search.freshness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 section 3: a search answer says how fresh the projection is, so a client knows
 * how stale "not found" may be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class SearchFreshnessTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	@Test
	void anOrderPublishedBeforeAppliedThroughIsFoundAndTheAnswerSaysHowFreshItIs() throws Exception {
		UUID orderId = UUID.randomUUID();
		String customer = "fresh-" + orderId;
		Instant published = Instant.now();
		TestOrders.send(this.producerFactory,
				TestOrders.order(orderId)
					.customer(customer, "f@example.com")
					.placedAt(published.truncatedTo(ChronoUnit.MILLIS))
					.line("FR-1", "Fresh", 1, 100)
					.placed());

		// Once the projection is fresh through a time after the publication, the order
		// is there: "not found" could no longer be staleness.
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
			.until(() -> search("customerId=" + customer),
					(answer) -> answer.headers()
						.firstValue("X-Projection-Applied-Through")
						.map((through) -> Instant.parse(through).isAfter(published))
						.orElse(false));

		DocumentContext body = JsonPath.parse(response.body());
		assertThat(body.read("$.items[*].orderId", List.class)).containsExactly(orderId.toString());
		Instant appliedThrough = Instant.parse(body.read("$.freshness.appliedThrough", String.class));
		assertThat(appliedThrough)
			.isEqualTo(Instant.parse(response.headers().firstValue("X-Projection-Applied-Through").get()));
		double lag = Double.parseDouble(response.headers().firstValue("X-Projection-Lag-Seconds").get());
		assertThat(lag).isGreaterThanOrEqualTo(0);
		assertThat(body.read("$.freshness.lagSeconds", Double.class)).isGreaterThanOrEqualTo(0);
	}

	@Test
	void aGroupThatHasNotCaughtUpIsNeverReportedFresh() throws Exception {
		// An empty topic is caught up by every group: publish something it has not read.
		TestOrders.send(this.producerFactory,
				TestOrders.order(UUID.randomUUID())
					.customer("c-unread", "u@example.com")
					.placedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
					.line("U-1", "U", 1, 1)
					.placed());
		try (ProjectionFreshness freshness = new ProjectionFreshness(this.kafkaAdmin.getConfigurationProperties(),
				"a-group-that-never-read-" + UUID.randomUUID(), "order-events", Duration.ofHours(1))) {
			freshness.check();

			assertThat(freshness.current()).isEqualTo(new Freshness(null, null));
		}
	}

	private HttpResponse<String> search(String query) throws Exception {
		URI uri = new URI("http", null, "localhost", this.port, "/search/orders", query, null);
		return this.http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", TestTokens.bearer(TestTokens.admin(TestOrders.TENANT)))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
