package dev.orderpipeline.analytics.reports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each event is sent on its own, in the order a retry can produce: the cancellation
 * before its placement (held back by the runtime, then applied right after it), then
 * repeated facts with new event ids (applied: not in the inbox). Uses days of June 2031
 * that no other test uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ArrivalOrderTests {

	private static final Instant PLACED_AT = Instant.parse("2031-06-01T23:30:00Z");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aCancellationSentBeforeItsPlacementTakesEffectAfterItAndRepeatedFactsChangeNothing() throws Exception {
		TestOrder order = TestOrders.order()
			.placedAt(PLACED_AT)
			.currency("GBP")
			.line("ARR-MUG", 2, 1_250)
			.cancelledAt(PLACED_AT.plusSeconds(3_600)); // the next UTC day

		// The runtime holds the cancellation back until its placement is applied.
		hold(order.cancelled());
		assertThat(daily()).isEmpty();

		apply(order.placed());
		List<Figures.Daily> reversed = daily();
		assertThat(reversed).containsExactly(
				new Figures.Daily(order.placedDay(), "GBP", 1, 1, 0, Money.of(2_500, "GBP"), Money.of(2_500, "GBP"),
						Money.of(0, "GBP"), reversed.get(0).cancellationRate(), 0),
				new Figures.Daily(order.cancelledDay(), "GBP", 0, 0, 0, Money.of(0, "GBP"), Money.of(0, "GBP"),
						Money.of(0, "GBP"), null, 1));
		assertThat(reversed.get(0).cancellationRate()).isEqualByComparingTo("1");

		apply(order.placed()); // the same placement again, under a new event id
		apply(order.cancelled()); // a second cancellation of the same order
		assertThat(daily()).isEqualTo(reversed);
		assertThat(skus()).containsExactly(new Figures.Sku("ARR-MUG", "GBP", 2, 2, 0, Money.of(2_500, "GBP"),
				Money.of(2_500, "GBP"), Money.of(0, "GBP")));
	}

	/** Sends one event and waits until its batch has committed. */
	private void hold(OutgoingEvent event) throws Exception {
		TestOrders.send(this.producerFactory, List.of(event));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from held_event where event_id = :id")
				.param("id", UUID.fromString(event.eventId()))
				.query(Long.class)
				.single() == 1);
	}

	private void apply(OutgoingEvent event) throws Exception {
		TestOrders.send(this.producerFactory, List.of(event));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from processed_event where event_id = :id")
				.param("id", UUID.fromString(event.eventId()))
				.query(Long.class)
				.single() == 1);
	}

	private List<Figures.Daily> daily() throws Exception {
		return get("/analytics/daily?from=2031-06-01&to=2031-06-02&currency=GBP", new TypeReference<>() {
		});
	}

	private List<Figures.Sku> skus() throws Exception {
		return get("/analytics/skus?from=2031-06-01&to=2031-06-02&currency=GBP", new TypeReference<>() {
		});
	}

	private <T> T get(String path, TypeReference<T> type) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", TestTokens.bearer(TestTokens.admin(TestOrders.TENANT)))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readValue(response.body(), type);
	}

}
