package dev.orderpipeline.search.rebuild;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.search.projection.DocumentTable;
import dev.orderpipeline.testing.OrderEventsTopic;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestLine;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild from the earliest offset produces the same documents as incremental
 * processing. The topic is shared with every other test in this JVM, so the comparison is
 * of the whole table: before and after are built from the same topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ProjectionRebuildTests {

	/** Every column but updated_at (when a row was written, not what it says). */
	private static final String SNAPSHOT = """
			select (to_jsonb(d) - 'updated_at')::text from order_document d order by order_id""";

	private static final String INDEX_NAMES = """
			select indexname from pg_indexes where tablename = 'order_document' order by indexname""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private DocumentTables tables;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aRebuildProducesTheSameDocumentsAsIncrementalProcessing() throws Exception {
		List<UUID> orders = feedMixedOrders(30);
		UUID globex = UUID.randomUUID();
		UUID legacy = UUID.randomUUID();
		UUID globexCancelledFirst = UUID.randomUUID();
		TestLine line = new TestLine("TEN-1", "Tenant product", 1, 100);
		TestOrders.send(this.producerFactory,
				TestOrders.order(globex).tenant("globex").customer("c-g", "g@example.com").line(line).placed(),
				TestOrders.order(legacy).version(1).tenant(null).customer("c-l", "l@example.com").line(line).placed(),
				TestOrders.order(globexCancelledFirst).version(1).tenant("globex").reason(null).cancelled(),
				TestOrders.order(globexCancelledFirst)
					.tenant("globex")
					.customer("c-g", "g@example.com")
					.line(line)
					.placed());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count(
					"select count(*) from order_document where order_id = any(?) and customer_id is not null",
					List.of(globex, legacy, globexCancelledFirst)) == 3);
		List<String> indexesBefore = this.jdbc.queryForList(INDEX_NAMES, String.class);
		List<String> incremental = this.jdbc.queryForList(SNAPSHOT, String.class);

		DocumentContext done = rebuildAndAwaitDone();

		assertThat(this.jdbc.queryForList(SNAPSHOT, String.class)).isEqualTo(incremental);
		assertThat(this.jdbc.queryForList(INDEX_NAMES, String.class)).isEqualTo(indexesBefore);
		assertThat(this.jdbc.queryForObject("select count(*) from pg_tables where tablename like 'order_document_%'",
				Integer.class))
			.as("no rebuild or old table left behind")
			.isZero();
		assertThat(done.read("$.percent", Double.class)).isEqualTo(100.0);
		assertThat(done.read("$.recordsRead", Long.class)).isGreaterThanOrEqualTo(30 * 2);
		// order-events as order-service declares it (test-support does the same).
		assertThat(done.read("$.partitions.length()", Integer.class)).isEqualTo(OrderEventsTopic.PARTITIONS);
		List<Integer> positions = done.read("$.partitions[*].position");
		List<Integer> ends = done.read("$.partitions[*].endOffset");
		assertThat(positions).isEqualTo(ends);
		assertThat(done.read("$.finishedAt", String.class)).isNotNull();
		assertThat(tenantOf(orders.get(0))).isEqualTo(TestOrders.TENANT);
		assertThat(tenantOf(globex)).as("the rebuild keeps each document's tenant").isEqualTo("globex");
		assertThat(tenantOf(globexCancelledFirst)).isEqualTo("globex");
		assertThat(tenantOf(legacy)).as("events without a tenant").isEqualTo("default");

		// The live consumer keeps going on the swapped-in table.
		UUID placedOne = orders.get(0);
		TestOrders.send(this.producerFactory,
				TestOrders.order(placedOne).version(1).reason("after the rebuild").cancelled());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "CANCELLED".equals(this.jdbc
				.queryForObject("select status from order_document where order_id = ?", String.class, placedOne)));

		// A second rebuild works on the swapped-in table and again changes nothing.
		List<String> afterLiveWrite = this.jdbc.queryForList(SNAPSHOT, String.class);
		rebuildAndAwaitDone();
		assertThat(this.jdbc.queryForList(SNAPSHOT, String.class)).isEqualTo(afterLiveWrite);
	}

	@Test
	void eventsArrivingDuringARebuildAreNeitherLostNorUndone() throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		List<UUID> placedOnly = new CopyOnWriteArrayList<>();
		List<UUID> cancelled = new CopyOnWriteArrayList<>();
		ExecutorService background = Executors.newSingleThreadExecutor();
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			Future<?> producing = background.submit(() -> {
				for (int i = 0; i < 5_000 && !stop.get(); i++) {
					UUID orderId = UUID.randomUUID();
					TestLine line = new TestLine("LIVE-" + (i % 3), "Live product", 1, 100);
					producer
						.send(TestOrders.order(orderId)
							.customer("live", "live@example.com")
							.line(line)
							.placed()
							.toProducerRecord())
						.get();
					if (i % 2 == 1) {
						producer.send(TestOrders.order(orderId).version(1).reason(null).cancelled().toProducerRecord())
							.get();
						cancelled.add(orderId);
					}
					else {
						placedOnly.add(orderId);
					}
				}
				return null;
			});

			await().atMost(Duration.ofSeconds(30)).until(() -> placedOnly.size() > 20);
			DocumentContext done = rebuildAndAwaitDone();
			stop.set(true);
			producing.get(30, TimeUnit.SECONDS);
			assertThat(done.read("$.recordsRead", Long.class))
				.as("the catch-up phases read past the end offsets captured at the start")
				.isGreaterThan(done.<List<Integer>>read("$.partitions[*].endOffset")
					.stream()
					.mapToLong(Integer::longValue)
					.sum());
		}
		finally {
			background.shutdownNow();
		}

		await().atMost(Duration.ofSeconds(90))
			.until(() -> count("select count(*) from order_document where status = 'PLACED' and order_id = any(?)",
					placedOnly) == placedOnly.size()
					&& count("select count(*) from order_document where status = 'CANCELLED' and order_id = any(?)",
							cancelled) == cancelled.size());
		// and what the live consumer built on top of the swapped-in table is what a quiet
		// rebuild builds
		List<String> settled = this.jdbc.queryForList(SNAPSHOT, String.class);
		rebuildAndAwaitDone();
		assertThat(this.jdbc.queryForList(SNAPSHOT, String.class)).isEqualTo(settled);
	}

	/**
	 * The swap's guarantee hinges on PostgreSQL resolving {@code order_document} again
	 * for a statement that waited on the lock: the live write must land in the new table,
	 * and must not fail (which would send it round the retry topics).
	 */
	@Test
	void aLiveWriteWaitingOnTheSwapLockLandsInTheNewTableWithoutFailing() throws Exception {
		UUID orderId = UUID.randomUUID();
		TestOrders.send(this.producerFactory,
				TestOrders.order(orderId)
					.customer("c-swap", "swap@example.com")
					.line("SWAP-1", "Swap", 1, 100)
					.placed());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("select count(*) from order_document where order_id = any(?)", List.of(orderId)) == 1);
		double failuresBefore = processing("failure");
		assertThat(processing("success")).as("the runtime's processing timer is found").isPositive();
		DocumentTable fresh = DocumentTable.forRebuild(Math.abs(System.nanoTime() % 1_000_000_000L));
		String columns = String.join(", ", this.jdbc.queryForList("""
				select column_name from information_schema.columns
				where table_name = 'order_document' and is_generated = 'NEVER'""", String.class));

		this.tables.createFresh(fresh);
		this.transactions.executeWithoutResult((status) -> {
			this.tables.lockLiveTableAgainstWrites();
			this.jdbc
				.update("insert into %s (%s) select %s from order_document".formatted(fresh.name(), columns, columns));
			try {
				TestOrders.send(this.producerFactory,
						TestOrders.order(orderId).version(1).reason("during swap").cancelled());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.queryForObject("""
					select count(*) from pg_stat_activity
					where wait_event_type = 'Lock' and query like '%order_document%'""", Integer.class) > 0);
			this.tables.swapIn(fresh);
		});

		await().atMost(Duration.ofSeconds(60))
			.until(() -> "CANCELLED".equals(this.jdbc
				.queryForObject("select status from order_document where order_id = ?", String.class, orderId)));
		assertThat(processing("failure")).isEqualTo(failuresBefore);
		assertThat(this.jdbc.queryForObject("select count(*) from pg_tables where tablename like 'order_document_%'",
				Integer.class))
			.isZero();
	}

	private double processing(String outcome) {
		return this.meters.find("consumer.processing")
			.tag("outcome", outcome)
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.count())
			.sum();
	}

	@Test
	void onlyOneRebuildRunsAtATime() throws Exception {
		long running = this.jdbc
			.queryForObject("insert into projection_rebuild (state) values ('COPYING') returning id", Long.class);
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/projection/rebuild"))
				.header("Authorization", ops())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(409);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JsonPath.parse(response.body()).read("$.title", String.class))
				.isEqualTo("Rebuild already running");
		}
		finally {
			this.jdbc.update("update projection_rebuild set state = 'FAILED' where id = ?", running);
		}
	}

	private String tenantOf(UUID orderId) {
		return this.jdbc.queryForObject("select tenant_id from order_document where order_id = ?", String.class,
				orderId);
	}

	private int count(String sql, List<UUID> ids) {
		return this.jdbc.queryForObject(sql, Integer.class, (Object) ids.toArray(UUID[]::new));
	}

	@Test
	void anUnknownOrMalformedRebuildIdIsAProblemDocument() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/projection/rebuild/999999999"))
			.header("Authorization", ops())
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.parse(response.body()).read("$.title", String.class)).isEqualTo("Rebuild not found");

		HttpResponse<String> notAnId = this.http.send(
				HttpRequest.newBuilder(uri("/projection/rebuild/latest")).header("Authorization", ops()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(notAnId.statusCode()).isEqualTo(400);
		assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	/**
	 * Orders 0, 4, 8... stay placed; 1, 5, 9... are cancelled; 2, 6, 10... are delivered
	 * twice; 3, 7, 11... are cancelled before they are placed. Alternating v1 and v2.
	 */
	private List<UUID> feedMixedOrders(int count) throws Exception {
		List<UUID> orders = new ArrayList<>();
		List<OutgoingEvent> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID orderId = UUID.randomUUID();
			orders.add(orderId);
			TestLine line = new TestLine("SKU-" + (i % 7), "Product " + (i % 7), 1 + i % 3, 100L * i);
			OutgoingEvent placed = (i % 2 == 0)
					? TestOrders.order(orderId)
						.version(1)
						.customer("cust-" + (i % 5), "c" + (i % 5) + "@example.com")
						.line(line)
						.placed()
					: TestOrders.order(orderId)
						.customer("cust-" + (i % 5), "c" + (i % 5) + "@example.com")
						.line(line)
						.placed();
			OutgoingEvent cancelled = TestOrders.order(orderId)
				.version(1)
				.reason((i % 8 == 3) ? null : "reason " + i)
				.cancelled();
			switch (i % 4) {
				case 0 -> events.add(placed);
				case 1 -> events.addAll(List.of(placed, cancelled));
				case 2 -> events.addAll(List.of(placed, placed, cancelled, cancelled));
				default -> events.addAll(List.of(cancelled, placed));
			}
		}
		TestOrders.send(this.producerFactory, events);
		String ids = String.join(",", orders.stream().map((id) -> "'" + id + "'").toList());
		int expectedEvents = (int) events.stream().map(OutgoingEvent::eventId).distinct().count();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from processed_event where order_id in (" + ids + ")",
					Integer.class) == expectedEvents);
		return orders;
	}

	private DocumentContext rebuildAndAwaitDone() throws Exception {
		HttpResponse<String> started = this.http.send(HttpRequest.newBuilder(uri("/projection/rebuild"))
			.header("Authorization", ops())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long id = JsonPath.parse(started.body()).read("$.id", Long.class);
		assertThat(started.headers().firstValue("Location")).hasValue("/projection/rebuild/" + id);
		URI status = uri("/projection/rebuild/" + id);
		return await().atMost(Duration.ofSeconds(90)).until(() -> {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(status).header("Authorization", ops()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			DocumentContext body = JsonPath.parse(response.body());
			assertThat(body.read("$.state", String.class)).as(response.body()).isNotEqualTo("FAILED");
			return body;
		}, (body) -> "DONE".equals(body.read("$.state", String.class)));
	}

	/** Rebuilds are for ops users. */
	private static String ops() {
		return TestTokens.bearer(TestTokens.ops());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
