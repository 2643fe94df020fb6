package dev.orderpipeline.orders.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures the relay; asserts nothing about time. Not part of the default build (the name
 * does not match surefire's patterns). Run with
 * {@code ./mvnw -B verify -pl order-service -Dtest=OutboxRelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true}
 * and read the {@code [benchmark]} lines in
 * {@code target/surefire-reports/dev.orderpipeline.orders.outbox.OutboxRelayBenchmark-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxRelayBenchmark {

	static final int BACKLOG = Integer.getInteger("benchmark.backlog", 100_000);

	static final int RATE = Integer.getInteger("benchmark.rate", 500);

	static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	JsonMapper json;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	MeterRegistry meters;

	@Autowired
	org.springframework.core.env.Environment environment;

	@Autowired
	OutboxTracing tracing;

	@Autowired
	org.apache.kafka.clients.admin.NewTopic orderEventsTopic;

	@Test
	@Order(1)
	void commitToPublishUnderASteadyOrderRateOnOneInstance() throws Exception {
		OrderApi api = new OrderApi(this.port);
		List<String> skus = skus(api);
		// Warm-up: JIT, connections, producer metadata.
		runLoad(skus, RATE, 10);
		await().atMost(Duration.ofMinutes(2)).until(() -> pendingRows() == 0);
		// The application's own relay, nudged in-process. Its timer counts since startup,
		// so the measurement is the difference of its cumulative SLO buckets.
		Timer timer = this.meters.get("outbox.commit.to.publish").timer();
		HistogramSnapshot before = timer.takeSnapshot();
		List<Long> placementNanos = runLoad(skus, RATE, SECONDS);
		await().atMost(Duration.ofMinutes(2)).until(() -> pendingRows() == 0);
		HistogramSnapshot after = timer.takeSnapshot();
		long count = after.count() - before.count();
		StringBuilder report = new StringBuilder("[benchmark] one instance, steady load: ")
			.append(placementNanos.size())
			.append(" orders at a target of ")
			.append(RATE)
			.append("/s for ")
			.append(SECONDS)
			.append(" s; commit-to-publish mean=")
			.append(String.format("%.1f ms",
					(after.total(TimeUnit.MILLISECONDS) - before.total(TimeUnit.MILLISECONDS)) / count))
			.append(", share of events within:");
		CountAtBucket[] bucketsBefore = before.histogramCounts();
		CountAtBucket[] bucketsAfter = after.histogramCounts();
		for (int i = 0; i < bucketsAfter.length; i++) {
			double within = (bucketsAfter[i].count() - bucketsBefore[i].count()) / count;
			report.append(
					String.format(" %.0f ms: %.2f %%;", bucketsAfter[i].bucket(TimeUnit.MILLISECONDS), within * 100));
		}
		report.append(" (").append(count).append(" events); ").append(placementSummary(placementNanos));
		System.out.println(report);
	}

	@Test
	@Order(2)
	void commitToPublishUnderASteadyOrderRateWithTheRelayOnAnotherInstance() throws Exception {
		OrderApi api = new OrderApi(this.port);
		List<String> skus = skus(api);
		this.applicationRelay.stop();
		SimpleMeterRegistry measured = new SimpleMeterRegistry();
		OutboxRelay relay = relayMeasuringInto(measured);
		relay.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(relay::isActive);
			// The application's relay now stands by and forwards its nudges by NOTIFY, as
			// an instance whose relay is not the active one does.
			this.applicationRelay.start();
			List<Long> placementNanos = runLoad(skus, RATE, SECONDS);
			await().atMost(Duration.ofMinutes(2)).until(() -> pendingRows() == 0);
			Timer timer = measured.get("outbox.commit.to.publish").timer();
			StringBuilder report = new StringBuilder("[benchmark] relay on another instance (NOTIFY), steady load: ")
				.append(placementNanos.size())
				.append(" orders at a target of ")
				.append(RATE)
				.append("/s for ")
				.append(SECONDS)
				.append(" s; commit-to-publish");
			for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
				report.append(String.format(" p%.0f=%.1f ms", percentile.percentile() * 100,
						percentile.value(TimeUnit.MILLISECONDS)));
			}
			report.append(String.format(" max=%.1f ms (%d events); ", timer.max(TimeUnit.MILLISECONDS), timer.count()))
				.append(placementSummary(placementNanos));
			System.out.println(report);
		}
		finally {
			relay.stop();
		}
	}

	private static List<String> skus(OrderApi api) {
		return IntStream.range(0, 50).mapToObj((i) -> api.createProduct(100, 1_000_000_000L)).toList();
	}

	private static String placementSummary(List<Long> placementNanos) {
		return "placement over HTTP p50=" + percentileMillis(placementNanos, 0.5) + " ms p99="
				+ percentileMillis(placementNanos, 0.99) + " ms";
	}

	@Test
	@Order(3)
	void drainsABacklogOfOneHundredThousandRows() throws Exception {
		this.applicationRelay.stop();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.applicationRelay.isActive());
			byte[] payload = realisticPayload();
			long offsetsBefore = endOffsets();
			this.jdbc.update("""
					insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
					select e, o, 'order.placed.v1', 1, ?, jsonb_build_object('ce_specversion', '1.0',
					       'ce_id', e::text, 'ce_type', 'order.placed.v1', 'ce_source', '/order-service',
					       'ce_time', '2026-11-23T09:16:02.123456Z', 'ce_subject', o::text,
					       'content-type', 'application/json', 'ce_correlationid', o::text)
					  from (select gen_random_uuid() as e, gen_random_uuid() as o
					          from generate_series(1, ?)) ids""", payload, BACKLOG);
			this.jdbc.execute("vacuum analyze outbox_event");

			OutboxRelay relay = relayMeasuringInto(new SimpleMeterRegistry());
			long start = System.nanoTime();
			relay.start();
			try {
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> pendingRows() == 0);
			}
			finally {
				relay.stop();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long published = endOffsets() - offsetsBefore;
			System.out.printf(
					"[benchmark] backlog drain: %d rows of %d-byte payload in %.2f s = %.0f events/s "
							+ "(%d records appended to %s)%n",
					BACKLOG, payload.length, seconds, BACKLOG / seconds, published, EventTopics.ORDER_EVENTS);
			assertThat(published).isGreaterThanOrEqualTo(BACKLOG);
		}
		finally {
			this.applicationRelay.start();
		}
	}

	private OutboxRelay relayMeasuringInto(SimpleMeterRegistry registry) {
		RelayFactory relays = new RelayFactory(this.database, this.kafka,
				new OutboxMetrics(registry, java.time.Clock.systemUTC()), new OutboxStore(this.json),
				this.orderEventsTopic, this.tracing, java.time.Clock.systemUTC());
		return relays.create("benchmark-relay", RelaySettings.from(this.environment), false);
	}

	/** Places orders at a fixed rate over HTTP; returns each placement's latency. */
	private List<Long> runLoad(List<String> skus, int perSecond, int seconds) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicInteger failures = new AtomicInteger();
		Map<String, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
		List<CompletableFuture<?>> inFlight = new ArrayList<>();
		// Tokens are minted before the clock starts: one simulated customer per 10 orders
		// keeps each well inside the per-client rate limit.
		List<String> tokens = java.util.stream.IntStream.range(0, Math.max(1, perSecond * seconds / 10))
			.mapToObj((i) -> dev.orderpipeline.testing.TestTokens
				.bearer(dev.orderpipeline.testing.TestTokens.customer("bench-" + UUID.randomUUID(), OrderApi.TENANT)))
			.toList();
		long intervalNanos = 1_000_000_000L / perSecond;
		long start = System.nanoTime();
		for (int i = 0; i < perSecond * seconds; i++) {
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				java.util.concurrent.locks.LockSupport.parkNanos(wait);
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
				.header("Content-Type", "application/json")
				.header("Authorization", tokens.get(i % tokens.size()))
				.POST(HttpRequest.BodyPublishers.ofString(OrderApi.orderJson(skus.get(i % skus.size()), 1)))
				.build();
			long sent = System.nanoTime();
			inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
				if (failure == null && response.statusCode() == 201) {
					latencies.add(System.nanoTime() - sent);
				}
				else {
					failures.incrementAndGet();
					statuses.merge((failure != null) ? failure.getClass().getSimpleName()
							: Integer.toString(response.statusCode()), 1, Integer::sum);
				}
				return null;
			}));
		}
		CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
		if (failures.get() > 0) {
			System.out.println("[benchmark] " + failures.get() + " of " + perSecond * seconds
					+ " placements were not answered 201: " + statuses);
		}
		return new ArrayList<>(latencies);
	}

	private static String percentileMillis(List<Long> nanos, double percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		long value = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(percentile * sorted.size()) - 1));
		return String.format("%.1f", value / 1e6);
	}

	private long pendingRows() {
		return this.jdbc.queryForObject("select count(*) from outbox_event where parked_at is null", Long.class);
	}

	private long endOffsets() throws Exception {
		try (Admin admin = Admin.create(this.kafka.buildAdminProperties())) {
			Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
			admin.describeTopics(List.of(EventTopics.ORDER_EVENTS))
				.allTopicNames()
				.get()
				.get(EventTopics.ORDER_EVENTS)
				.partitions()
				.forEach((partition) -> request.put(new TopicPartition(EventTopics.ORDER_EVENTS, partition.partition()),
						OffsetSpec.latest()));
			return admin.listOffsets(request).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

	/** An order.placed.v1 payload of about 500 bytes, as the encoder writes it. */
	private static byte[] realisticPayload() {
		return TestOrders.order()
			.version(1)
			.tenant("default")
			.customer("customer-4711", "ana.lovelace@example.com")
			.line("SKU-ESPRESSO-250G", "Espresso beans, dark roast, 250 g", 2, 1290)
			.tax(516)
			.placedAt(Instant.now())
			.placed()
			.value();
	}

}
