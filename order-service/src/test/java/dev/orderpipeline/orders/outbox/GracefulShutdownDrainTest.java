package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.testing.EmbeddedInfrastructure;
import dev.orderpipeline.testing.InfrastructureMode;
import dev.orderpipeline.testing.KafkaBrokerControl;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At shutdown the active relay publishes what is left in the outbox, as far as the broker
 * allows and for at most {@code drain-timeout}: a broker that fails for a moment during
 * the drain still gets the rows, and a broker that is gone does not keep the application
 * from stopping, nor loses the rows (they stay for the next relay).
 * <p>
 * Each test stops the relay as the application's shutdown does (SIGTERM), through its
 * lifecycle callback, and leaves a context that is thrown away. The context has a
 * database of its own, so no relay of another test context competes for the lock, and its
 * relay never polls ({@code poll-interval} far longer than the test): rows inserted
 * behind its back wait until the shutdown drains them.
 */
@SpringBootTest(properties = { "pipeline.database-name=" + GracefulShutdownDrainTest.DATABASE,
		"orders.outbox.relay.poll-interval=PT10M", "orders.outbox.relay.session-timeout=PT15M",
		"orders.outbox.relay.drain-timeout=PT20S" })
@WithRealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class GracefulShutdownDrainTest {

	static final String DATABASE = "orders_shutdown_drain";

	static final int ROWS = 300;

	static {
		if (InfrastructureMode.current() == InfrastructureMode.EMBEDDED) {
			EmbeddedInfrastructure.get().postgres().createDatabaseIfMissing(DATABASE);
		}
	}

	@Autowired
	Environment environment;

	@Autowired
	OutboxRelay relay;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	MeterRegistry meters;

	String jdbcUrl;

	String user;

	String password;

	@BeforeEach
	void relayIsActive() {
		this.jdbcUrl = this.environment.getRequiredProperty("spring.datasource.url");
		this.user = this.environment.getRequiredProperty("spring.datasource.username");
		this.password = this.environment.getRequiredProperty("spring.datasource.password");
		await().atMost(Duration.ofSeconds(60)).until(this.relay::isActive);
	}

	@Test
	void rowsWaitingAtShutdownArePublishedBeforeTheApplicationStops() throws Exception {
		try (EventLog log = EventLog.open(this.kafka)) {
			Backlog backlog = insertBacklog();
			shutDownRelay().get(90, TimeUnit.SECONDS);
			assertThat(waitingRows()).as("rows left in the outbox").isZero();
			assertThat(backlog.publishedIn(log)).containsExactlyElementsOf(backlog.eventIds());
		}
	}

	@Test
	void aBrokerThatFailsDuringTheDrainStillGetsTheRowsOnceItIsBack() throws Exception {
		try (EventLog log = EventLog.open(this.kafka)) {
			KafkaBrokerControl.stop();
			Backlog backlog;
			CompletableFuture<Void> shutdown;
			try {
				backlog = insertBacklog();
				double failuresBefore = failedTransactions();
				shutdown = shutDownRelay();
				// The drain has met the broker's absence before the broker comes back.
				await().atMost(Duration.ofSeconds(30)).until(() -> failedTransactions() > failuresBefore);
				assertThat(shutdown).isNotDone();
			}
			finally {
				KafkaBrokerControl.start();
			}
			shutdown.get(90, TimeUnit.SECONDS);
			assertThat(waitingRows()).as("rows left in the outbox").isZero();
			assertThat(backlog.publishedIn(log)).containsExactlyElementsOf(backlog.eventIds());
		}
	}

	@Test
	void withTheBrokerGoneTheApplicationStillStopsAndKeepsItsRows() throws Exception {
		KafkaBrokerControl.stop();
		try {
			insertBacklog();
			// drain-timeout is 20 s: the stop ends soon after it, however long the
			// broker stays away.
			shutDownRelay().get(90, TimeUnit.SECONDS);
			assertThat(waitingRows()).as("rows kept for the next relay, none parked").isEqualTo(ROWS);
		}
		finally {
			KafkaBrokerControl.start();
			deleteAllRows();
		}
	}

	/**
	 * What the application's shutdown does to the relay: the lifecycle processor calls
	 * {@code stop(callback)} in the relay's phase and waits for the callback.
	 */
	private CompletableFuture<Void> shutDownRelay() {
		CompletableFuture<Void> stopped = new CompletableFuture<>();
		this.relay.stop(() -> stopped.complete(null));
		return stopped;
	}

	private double failedTransactions() {
		return this.meters.find("outbox.publish.failures")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/**
	 * Rows of one order, written behind the relay's back (no nudge), as if their commits
	 * had just happened.
	 */
	private Backlog insertBacklog() throws SQLException {
		UUID orderId = UUID.randomUUID();
		List<UUID> eventIds = new ArrayList<>();
		try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, 'order.drain-test.v1', ?, '{}'::bytea,
				        jsonb_build_object('ce_id', ?::text, 'ce_type', 'order.drain-test.v1'))""")) {
			for (int sequence = 1; sequence <= ROWS; sequence++) {
				UUID eventId = UUID.randomUUID();
				eventIds.add(eventId);
				insert.setObject(1, eventId);
				insert.setObject(2, orderId);
				insert.setLong(3, sequence);
				insert.setString(4, eventId.toString());
				insert.addBatch();
			}
			insert.executeBatch();
		}
		assertThat(waitingRows()).isEqualTo(ROWS);
		return new Backlog(orderId, eventIds);
	}

	private long waitingRows() throws SQLException {
		try (Connection connection = connect();
				ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from outbox_event where parked_at is null")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private void deleteAllRows() throws SQLException {
		try (Connection connection = connect()) {
			connection.createStatement().executeUpdate("delete from outbox_event");
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
	}

	private record Backlog(UUID orderId, List<UUID> eventIds) {

		List<UUID> publishedIn(EventLog log) {
			return log
				.awaitRecords(this.orderId.toString(), (records) -> records.size() >= this.eventIds.size(),
						Duration.ofSeconds(30))
				.stream()
				.map((ConsumerRecord<String, byte[]> record) -> UUID.fromString(EventLog.header(record, "ce_id")))
				.toList();
		}

	}

}
