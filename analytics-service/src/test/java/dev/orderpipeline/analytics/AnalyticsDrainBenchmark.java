package dev.orderpipeline.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.consumer.ConsumerContainers;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures how fast a backlog of 100,000 events (80,000 placements, v1 and v2, and 20,000
 * cancellations, a fifth of them before their placement) drains through this service's
 * handler (target: at least 5,000 events/s), then how long the daily report takes from
 * the aggregate tables compared with aggregating the per-order ledger at query time. A
 * benchmark, not part of the normal build (its name does not match the test pattern); run
 * it with {@code ./mvnw -pl analytics-service test -Dtest=AnalyticsDrainBenchmark} and
 * read the {@code DRAIN} and {@code READ} lines in
 * {@code target/surefire-reports/*-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AnalyticsDrainBenchmark {

	private static final int ORDERS = 80_000;

	private static final int CANCELLATIONS = 20_000;

	private static final int EVENTS = ORDERS + CANCELLATIONS;

	/** A month of 2032 that no test uses. */
	private static final LocalDate FIRST_DAY = LocalDate.parse("2032-01-01");

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private ConsumerContainers containers;

	@Autowired
	private JsonMapper json;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void drainsABacklog() throws Exception {
		this.containers.stop();
		Random random = new Random(7);
		List<String> eventIds = new ArrayList<>(EVENTS);
		long expectedGross = 0;
		long expectedCancelledRevenue = 0;
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
			for (int i = 0; i < ORDERS; i++) {
				Instant placedAt = FIRST_DAY.plusDays(i % 31).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(i);
				TestOrder order = TestOrders.order()
					.placedAt(placedAt)
					.version(1 + i % 2)
					.line("BENCH-" + random.nextInt(200), 1 + random.nextInt(3), 100 + i % 900)
					.line("BENCH-" + random.nextInt(200), 1, 250);
				expectedGross += order.total();
				List<OutgoingEvent> events = new ArrayList<>(2);
				events.add(order.placed());
				if (i % 4 == 0) {
					order = order.cancelledAt(placedAt.plusSeconds(3600));
					expectedCancelledRevenue += order.total();
					if (i % 20 == 0) {
						events.add(0, order.cancelled()); // before its placement
					}
					else {
						events.add(order.cancelled());
					}
				}
				for (OutgoingEvent event : events) {
					eventIds.add(event.eventId());
					sends.add(producer.send(event.toProducerRecord()));
				}
			}
			for (Future<RecordMetadata> send : sends) {
				send.get(60, TimeUnit.SECONDS);
			}
		}
		assertThat(eventIds).hasSize(EVENTS);
		this.jdbc.update("create table if not exists benchmark_run (event_id uuid primary key)");
		this.jdbc.update("truncate benchmark_run");
		this.jdbc.batchUpdate("insert into benchmark_run values (?::uuid)",
				eventIds.stream().map((id) -> new Object[] { id }).toList());

		long batchesBefore = batches().count();
		double batchSecondsBefore = batches().totalTime(TimeUnit.SECONDS);
		long start = System.nanoTime();
		this.containers.start();
		// Polls the business effect (a few dozen aggregate rows), not the inbox: counting
		// 100,000 event ids ten times a second would compete with the drain for the CPU.
		// Exact: an order counts as cancelled only once both its events are applied.
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> monthTotals().equals(List.of((long) ORDERS, (long) CANCELLATIONS)));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("DRAIN %d events in %.2f s = %.0f events/s%n", EVENTS, seconds, EVENTS / seconds);
		long batches = batches().count() - batchesBefore;
		double batchSeconds = batches().totalTime(TimeUnit.SECONDS) - batchSecondsBefore;
		System.out.printf("BATCHES %d, %.0f events each on average, %.1f ms each on average (inbox, handler, commit)%n",
				batches, (double) EVENTS / batches, batchSeconds * 1000 / batches);
		for (Timer step : this.meters.find("analytics.handler.step").timers()) {
			System.out.printf("STEP %s: %d calls, %.1f ms each on average%n", step.getId().getTag("step"), step.count(),
					step.mean(TimeUnit.MILLISECONDS));
		}

		assertThat(applied()).isEqualTo(EVENTS);
		JsonNode summary = get("/analytics/summary?from=2032-01-01&to=2032-01-31");
		assertThat(summary.get("ordersPlaced").asLong()).isEqualTo(ORDERS);
		assertThat(summary.get("ordersCancelled").asLong()).isEqualTo(CANCELLATIONS);
		JsonNode euros = summary.get("currencies").get(0);
		assertThat(euros.get("grossRevenue").get("amount").asLong()).isEqualTo(expectedGross);
		assertThat(euros.get("netRevenue").get("amount").asLong()).isEqualTo(expectedGross - expectedCancelledRevenue);

		measureReads();
	}

	/**
	 * The daily report for the month from the aggregate tables, and the same figures
	 * computed from {@code order_fact} at query time (what the V1 view did), best of ten.
	 */
	private void measureReads() throws Exception {
		this.jdbc.execute("analyze");
		double fromAggregates = bestOfTen(() -> get("/analytics/daily?from=2032-01-01&to=2032-01-31"));
		double fromLedger = bestOfTen(() -> this.jdbc.queryForList("""
				select placed_day, currency, count(*), count(*) filter (where cancelled_day is not null),
				    sum(total_amount), sum(total_amount) filter (where cancelled_day is not null)
				from order_fact where placed_day between '2032-01-01' and '2032-01-31'
				group by placed_day, currency"""));
		double skusFromAggregates = bestOfTen(() -> get("/analytics/skus?from=2032-01-01&to=2032-01-31&limit=100"));
		System.out.printf(
				"READ month of %d orders: daily over HTTP from aggregates %.2f ms, same figures from order_fact (SQL only) %.2f ms, top 100 SKUs over HTTP %.2f ms%n",
				ORDERS, fromAggregates, fromLedger, skusFromAggregates);
	}

	/** The runtime's timer of successful batches, summed over its consumer threads. */
	private FunctionTimerView batches() {
		var timers = this.meters.find("consumer.processing").tag("mode", "batch").timers();
		return new FunctionTimerView(timers.stream().mapToLong(Timer::count).sum(),
				timers.stream().mapToDouble((timer) -> timer.totalTime(TimeUnit.SECONDS)).sum());
	}

	private record FunctionTimerView(long count, double seconds) {

		double totalTime(TimeUnit unit) {
			return this.seconds;
		}

	}

	private List<Long> monthTotals() {
		return this.jdbc.queryForObject("""
				select coalesce(sum(orders_placed), 0), coalesce(sum(orders_cancelled), 0) from daily_order_totals
				where day between '2032-01-01' and '2032-01-31'""",
				(row, n) -> List.of(row.getLong(1), row.getLong(2)));
	}

	private int applied() {
		return this.jdbc.queryForObject("select count(*) from processed_event p join benchmark_run r using (event_id)",
				Integer.class);
	}

	private static double bestOfTen(ThrowingRunnable read) throws Exception {
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			long start = System.nanoTime();
			read.run();
			best = Math.min(best, (System.nanoTime() - start) / 1e6);
		}
		return best;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", TestTokens.bearer(TestTokens.admin(TestOrders.TENANT)))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
