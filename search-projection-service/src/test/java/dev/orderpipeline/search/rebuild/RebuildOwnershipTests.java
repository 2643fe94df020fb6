package dev.orderpipeline.search.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.consumer.SourceEvents;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.search.projection.DocumentTable;
import dev.orderpipeline.search.projection.OrderDocumentWriter;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 item 8: rebuilds with several instances. The application's rebuilder is one
 * instance; each test makes another from the same beans, as a second instance of the
 * service sharing the database would be. A rebuild is held at its swap by a test
 * transaction that locks {@code order_document}, so "while it runs" is a state, not a
 * race.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RebuildOwnershipTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final ExecutorService lockHolder = Executors.newSingleThreadExecutor();

	@Autowired
	private ProjectionRebuilder applicationRebuilder;

	@Autowired
	private RebuildRuns runs;

	@Autowired
	private DocumentTables tables;

	@Autowired
	private OrderDocumentWriter writer;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private ConsumerFactory<?, ?> consumerFactory;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private RebuildProperties properties;

	@Autowired
	private SourceEvents source;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterAll
	static void stopLockHolder() {
		lockHolder.shutdownNow();
	}

	@Test
	void anInstanceStartingWhileAnotherRunsARebuildLeavesItRunning() throws Exception {
		long id;
		try (LiveTableLock lock = holdLiveTableLock()) {
			id = this.applicationRebuilder.start();
			awaitHeldAtTheSwap(id);

			ProjectionRebuilder secondInstance = anotherInstance("order-events");
			secondInstance.afterPropertiesSet();

			assertThat(state(id)).isEqualTo("SWAPPING");
			assertThat(rebuildTableExists(id)).isTrue();
			assertThatExceptionOfType(RebuildAlreadyRunningException.class).isThrownBy(secondInstance::start);
		}
		await().atMost(TIMEOUT).until(() -> "DONE".equals(state(id)));
	}

	@Test
	void aRebuildWhoseOwnerStoppedHeartbeatingIsFailedByTheNextStart() {
		long id = this.jdbc.queryForObject("""
				insert into projection_rebuild (state, owner, heartbeat_at)
				values ('COPYING', 'a-crashed-instance', now() - interval '1 hour') returning id""", Long.class);
		this.tables.createFresh(DocumentTable.forRebuild(id));

		anotherInstance("order-events").afterPropertiesSet();

		assertThat(state(id)).isEqualTo("FAILED");
		assertThat(this.jdbc.queryForObject("select error from projection_rebuild where id = ?", String.class, id))
			.contains("a-crashed-instance stopped heartbeating");
		assertThat(rebuildTableExists(id)).isFalse();
	}

	@Test
	void aRebuildFailedUnderItsOwnerCannotSwapItsTableIn() throws Exception {
		long liveTable = liveTableOid();
		long id;
		try (LiveTableLock lock = holdLiveTableLock()) {
			id = this.applicationRebuilder.start();
			awaitHeldAtTheSwap(id);
			// What another instance does once it judged the heartbeat stale.
			this.jdbc.update("update projection_rebuild set state = 'FAILED', error = 'judged stale' where id = ?", id);
		}
		await().atMost(TIMEOUT).until(() -> !rebuildTableExists(id));

		assertThat(liveTableOid()).as("order_document was not swapped").isEqualTo(liveTable);
		assertThat(this.jdbc.queryForMap("select state, error from projection_rebuild where id = ?", id))
			.containsEntry("state", "FAILED")
			.containsEntry("error", "judged stale");
	}

	@Test
	void aPartitionAddedDuringARebuildIsReadBeforeTheSwap() throws Exception {
		String topic = "rebuild-partitions-" + UUID.randomUUID();
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			send(topic, 0, placed(first));
			ProjectionRebuilder rebuilder = anotherInstance(topic);
			long id;
			try (LiveTableLock lock = holdLiveTableLock()) {
				id = rebuilder.start();
				awaitHeldAtTheSwap(id);
				admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS);
				send(topic, 1, placed(second));
			}
			await().atMost(TIMEOUT).until(() -> "DONE".equals(state(id)));

			assertThat(this.jdbc.queryForList("select order_id from order_document", UUID.class))
				.containsExactlyInAnyOrder(first, second);
			admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
		}
		finally {
			// order_document now holds this topic's two orders: rebuild it from
			// order-events for the tests that follow.
			long restore = this.applicationRebuilder.start();
			await().atMost(TIMEOUT).until(() -> "DONE".equals(state(restore)));
		}
	}

	private ProjectionRebuilder anotherInstance(String topic) {
		return new ProjectionRebuilder(this.runs, this.tables, this.writer, this.transactions, this.consumerFactory,
				this.properties, new SourceEvents(topic, this.source.decoder()));
	}

	/** Holds a lock on order_document that the swap's exclusive lock waits for. */
	private LiveTableLock holdLiveTableLock() throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = lockHolder.submit(() -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("lock table order_document in share mode");
			locked.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
		return () -> {
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
		};
	}

	private void awaitHeldAtTheSwap(long id) {
		await().atMost(TIMEOUT)
			.until(() -> "SWAPPING".equals(state(id)) && this.jdbc.queryForObject("""
					select count(*) from pg_stat_activity
					where wait_event_type = 'Lock' and query like 'lock table order_document in exclusive mode%'""",
					Integer.class) > 0);
	}

	private String state(long id) {
		return this.jdbc.queryForObject("select state from projection_rebuild where id = ?", String.class, id);
	}

	private boolean rebuildTableExists(long id) {
		return this.jdbc.queryForObject("select count(*) from pg_tables where tablename = ?", Integer.class,
				DocumentTable.forRebuild(id).name()) == 1;
	}

	private long liveTableOid() {
		return this.jdbc.queryForObject("select 'order_document'::regclass::oid::bigint", Long.class);
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.consumerFactory.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
	}

	private static OutgoingEvent placed(UUID orderId) {
		return TestOrders.order(orderId)
			.customer("c-" + orderId, "rebuild@example.com")
			.placedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.line("SKU-1", "Product", 1, 100)
			.placed();
	}

	private void send(String topic, int partition, OutgoingEvent event) throws Exception {
		RecordHeaders headers = new RecordHeaders();
		event.headers().forEach(headers::add);
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, partition, event.key(), event.value(), headers)).get();
		}
	}

	@FunctionalInterface
	private interface LiveTableLock extends AutoCloseable {

		@Override
		void close() throws Exception;

	}

}
