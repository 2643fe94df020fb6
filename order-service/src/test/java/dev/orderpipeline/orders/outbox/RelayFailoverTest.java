package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.outbox.EventLog.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relays that crash. The application's own relay is stopped for the duration of each
 * test, and the relays under test are built like the application's, each with its own
 * database session, as separate instances would have.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RelayFailoverTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	RelayFactory relays;

	@Autowired
	Environment environment;

	OrderApi api;

	EventLog log;

	@BeforeEach
	void takeOverFromTheApplicationRelay() {
		this.applicationRelay.stop();
		this.api = new OrderApi(this.port);
		this.log = EventLog.open(this.kafka);
	}

	@AfterEach
	void handBack() {
		this.log.close();
		this.applicationRelay.start();
	}

	@Test
	void aRelayThatDiesBetweenSendingAndDeletingPublishesTheEventAgainWithTheSameId() {
		AtomicBoolean crashed = new AtomicBoolean();
		OutboxStore crashingOnce = new OutboxStore(this.json) {
			@Override
			List<OutboxRow> deleteAndReadNext(Connection connection, List<Long> published, List<Long> inFlight,
					int limit) throws SQLException {
				if (!published.isEmpty() && crashed.compareAndSet(false, true)) {
					throw new SQLException("simulated crash after the transaction committed, before the delete");
				}
				return super.deleteAndReadNext(connection, published, inFlight, limit);
			}
		};
		OutboxRelay relay = this.relays.create("crashing-relay", RelaySettings.from(this.environment), false,
				crashingOnce);
		relay.start();
		try {
			String orderId = placeOrder();

			List<ConsumerRecord<String, byte[]>> records = this.log.awaitRecords(orderId, (list) -> list.size() >= 2,
					TIMEOUT);

			assertThat(crashed).isTrue();
			assertThat(records).extracting((record) -> header(record, "ce_type")).containsOnly("order.placed.v2");
			assertThat(records).extracting((record) -> header(record, "ce_id"))
				.containsOnly(header(records.get(0), "ce_id"));
			await().atMost(TIMEOUT).until(() -> outboxRows(orderId) == 0);
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void onlyOneRelayIsActiveAndAnotherTakesOverWhenTheActiveOneDies() {
		OutboxRelay first = this.relays.create("relay-a", RelaySettings.from(this.environment), false);
		OutboxRelay second = this.relays.create("relay-b", RelaySettings.from(this.environment), false);
		first.start();
		second.start();
		try {
			await().atMost(TIMEOUT).until(() -> first.isActive() || second.isActive());
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> !(first.isActive() && second.isActive()));
			OutboxRelay active = first.isActive() ? first : second;
			OutboxRelay standby = (active == first) ? second : first;
			assertThat(standby.isActive()).isFalse();
			String before = placeOrder();
			this.log.awaitRecords(before, (list) -> !list.isEmpty(), TIMEOUT);

			// A crash: the active relay's session ends without a goodbye, and the relay
			// never comes back.
			Boolean terminated = this.jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class,
					active.backendPid());
			assertThat(terminated).isTrue();
			active.stop();

			await().atMost(Duration.ofSeconds(10)).until(standby::isActive);
			String after = placeOrder();
			this.log.awaitRecords(after, (list) -> !list.isEmpty(), TIMEOUT);
		}
		finally {
			first.stop();
			second.stop();
		}
	}

	@Test
	void aCommitOnAnInstanceWhoseRelayStandsByWakesTheActiveRelayElsewhere() {
		// Polls after the test's timeout: only a notification can make it publish in
		// time.
		OutboxRelay elsewhere = this.relays.create("relay-elsewhere",
				RelaySettings.from(this.environment, "poll-interval=PT50S", "session-timeout=PT5M"), false);
		elsewhere.start();
		try {
			await().atMost(TIMEOUT).until(elsewhere::isActive);
			this.applicationRelay.start();
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.applicationRelay.isRunning() && !this.applicationRelay.isActive());

			String orderId = placeOrder();

			this.log.awaitRecords(orderId, (list) -> !list.isEmpty(), TIMEOUT);
			assertThat(elsewhere.isActive()).isTrue();
			assertThat(this.applicationRelay.isActive()).isFalse();
		}
		finally {
			elsewhere.stop();
		}
	}

	private String placeOrder() {
		String sku = this.api.createProduct(100, 10);
		return JsonPath.parse(this.api.placeOrder(newCustomer(), sku, 1).body()).read("$.id");
	}

	private int outboxRows(String orderId) {
		return this.jdbc.queryForObject("select count(*) from outbox_event where order_id = ?::uuid", Integer.class,
				orderId);
	}

}
