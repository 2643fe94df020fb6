package dev.orderpipeline.search.rebuild;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestLine;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not part of the build (the name matches no surefire pattern): measures how fast the
 * live consumer drains a backlog into {@code order_document} and how fast a rebuild
 * re-reads it. Run
 * {@code ./mvnw -pl search-projection-service test -Dtest=RebuildBenchmark} and read the
 * {@code BENCHMARK} lines in {@code target/surefire-reports/*-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RebuildBenchmark {

	private static final int ORDERS = 20_000;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Test
	void drainAndRebuild() throws Exception {
		List<OutgoingEvent> events = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			UUID orderId = UUID.randomUUID();
			TestLine pen = new TestLine("PEN-" + (i % 50), "Fountain pen model " + (i % 50), 2, 1250);
			TestLine ink = new TestLine("INK-" + (i % 20), "Ink bottle " + (i % 20), 1, 400);
			events.add(TestOrders.order(orderId)
				.customer("cust-" + (i % 500), "c" + (i % 500) + "@example.com")
				.placedAt(Instant.now())
				.lines(pen, ink)
				.placed());
			if (i % 4 == 0) {
				events.add(TestOrders.order(orderId)
					.version(1)
					.cancelledAt(Instant.now())
					.reason("benchmark")
					.cancelled());
			}
		}
		// Warm up: the consumers join their group and the statements get prepared before
		// timing.
		UUID warmUp = UUID.randomUUID();
		TestOrders.send(this.producerFactory,
				TestOrders.order(warmUp)
					.customer("warm", "warm@example.com")
					.placedAt(Instant.now())
					.line("WARM", "Warm-up", 1, 1)
					.placed());
		await().atMost(Duration.ofMinutes(2))
			.until(() -> this.jdbc.queryForObject("select count(*) from order_document where order_id = ?",
					Integer.class, warmUp) == 1);
		int before = this.jdbc.queryForObject("select count(*) from processed_event", Integer.class);
		long produceStart = System.nanoTime();
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (OutgoingEvent event : events) {
				sent.add(producer.send(event.toProducerRecord()));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.queryForObject("select count(*) from processed_event", Integer.class)
					- before == events.size());
		double drainSeconds = (System.nanoTime() - produceStart) / 1e9;
		System.out.printf("BENCHMARK live: %d events produced and applied in %.1f s = %.0f events/s%n", events.size(),
				drainSeconds, events.size() / drainSeconds);

		HttpClient http = HttpClient.newHttpClient();
		long rebuildStart = System.nanoTime();
		HttpResponse<String> started = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/projection/rebuild"))
				.header("Authorization", TestTokens.bearer(TestTokens.ops()))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		long id = JsonPath.parse(started.body()).read("$.id", Long.class);
		URI status = URI.create("http://localhost:" + this.port + "/projection/rebuild/" + id);
		DocumentContext done = await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> JsonPath.parse(http.send(HttpRequest.newBuilder(status)
				.header("Authorization", TestTokens.bearer(TestTokens.ops()))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString()).body()),
					(body) -> !body.read("$.state", String.class).matches("COPYING|CATCHING_UP|SWAPPING"));
		double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
		assertThat(done.read("$.state", String.class)).isEqualTo("DONE");
		long read = done.read("$.recordsRead", Long.class);
		System.out.printf("BENCHMARK rebuild: %d records read and applied in %.1f s = %.0f records/s%n", read,
				rebuildSeconds, read / rebuildSeconds);
	}

}
