package dev.orderpipeline.orders.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.infra.faults.TcpProxy;
import dev.orderpipeline.testing.WithRealInfrastructure;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No later event of an order may reach readers before an earlier one, whatever the
 * network between the relay and the broker does. The relay under test publishes to a
 * broker of its own behind a {@link TcpProxy}; the application's relay is stopped
 * meanwhile, since both share the outbox table. Readers use {@code read_committed}, as
 * every reader of {@code order-events} does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RelayOrderingTest {

	private static ProxiedKafkaBroker broker;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails database;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@Autowired
	OutboxTracing tracing;

	@Autowired
	org.apache.kafka.clients.admin.NewTopic orderEventsTopic;

	@Autowired
	org.springframework.core.env.Environment environment;

	@BeforeAll
	static void startBroker() {
		broker = ProxiedKafkaBroker.start();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@BeforeEach
	void stopTheApplicationRelay() {
		this.applicationRelay.stop();
		this.jdbc.update("delete from outbox_event");
	}

	@AfterEach
	void restartTheApplicationRelay() {
		broker.proxy().heal();
		this.applicationRelay.start();
	}

	/**
	 * The producer's batch with the order's first event is lost on the network and
	 * expires; the second event, held back in the producer (its buffer is full of the
	 * first one) until then, is delivered once the network is back. Without a transaction
	 * per batch the second event was acknowledged, deleted and read before the first one,
	 * which only followed on the relay's retry.
	 */
	@Test
	void aLaterEventNeverOvertakesAnEarlierOneWhoseBatchExpiredOnTheNetwork() {
		OutboxRelay relay = relayThroughTheProxy();
		relay.start();
		try (KafkaConsumer<String, byte[]> reader = readCommitted()) {
			// Connected, with metadata and a producer id, before the network fails.
			UUID warmUp = UUID.randomUUID();
			insert(warmUp, 1, 10);
			await().atMost(Duration.ofSeconds(60)).until(() -> rows(warmUp).isEmpty());

			broker.proxy().drop();
			UUID order = UUID.randomUUID();
			// 20 kB: more than a producer batch, so the second event needs a buffer of
			// its
			// own, which it gets only once the first event's batch has expired.
			insert(order, 1, 20 * 1024);
			insert(order, 2, 10);
			// Delivery times out after 5 s; the network is back well before the second
			// event's own 5 s are up.
			await().pollDelay(Duration.ofMillis(7500)).atMost(Duration.ofSeconds(9)).until(() -> true);
			broker.proxy().heal();

			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				reader.poll(Duration.ofMillis(200)).forEach(records::add);
				return rows(order).isEmpty() && distinctSequences(records, order).size() == 2;
			});
			assertThat(distinctSequences(records, order)).containsExactly(1L, 2L);
		}
		finally {
			relay.stop();
		}
	}

	/**
	 * A batch whose transaction aborts leaves nothing for {@code read_committed} readers,
	 * though its records that the broker took are in the log, and its rows stay in the
	 * outbox until a transaction with them commits. The abort here: the broker refuses
	 * one row as too large (the topic allows 4 kB), after it took the other row of the
	 * batch.
	 */
	@Test
	void anAbortedBatchIsInvisibleToReadCommittedReadersAndItsRowsArePublishedByTheNextTransaction() throws Exception {
		OutboxRelay relay = relayThroughTheProxy();
		relay.start();
		try (KafkaConsumer<String, byte[]> committed = readCommitted();
				KafkaConsumer<String, byte[]> everything = reader("read_uncommitted")) {
			UUID warmUp = UUID.randomUUID();
			insert(warmUp, 1, 10);
			await().atMost(Duration.ofSeconds(60)).until(() -> rows(warmUp).isEmpty());
			maxMessageBytes(AlterConfigOp.OpType.SET);
			UUID taken = UUID.randomUUID();
			UUID refused = UUID.randomUUID();
			insert(taken, 1, 10);
			insert(refused, 1, 8 * 1024);

			await().atMost(Duration.ofSeconds(60)).until(() -> rows(taken).isEmpty());
			assertThat(this.jdbc.queryForObject(
					"select last_error from outbox_event where order_id = ? and parked_at is not null", String.class,
					refused))
				.contains("RecordTooLargeException");
			List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
			List<ConsumerRecord<String, byte[]>> inLog = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				committed.poll(Duration.ofMillis(100)).forEach(seen::add);
				everything.poll(Duration.ofMillis(100)).forEach(inLog::add);
				return ofOrder(seen, taken).size() == 1 && ofOrder(inLog, taken).size() == 2;
			});
			assertThat(ofOrder(seen, refused)).isEmpty();
		}
		finally {
			relay.stop();
			maxMessageBytes(AlterConfigOp.OpType.DELETE);
			this.jdbc.update("delete from outbox_event");
		}
	}

	private static void maxMessageBytes(AlterConfigOp.OpType operation) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin
				.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, EventTopics.ORDER_EVENTS),
						List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "4096"), operation))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private OutboxRelay relayThroughTheProxy() {
		// A send may wait for buffer memory longer than delivery takes to time out, and
		// the session outlasts that wait.
		OutboxProperties.Relay settings = RelaySettings.from(this.environment, "delivery-timeout=PT5S",
				"max-block=PT20S", "session-timeout=PT60S");
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of(broker.bootstrapServers()));
		kafka.getProducer().setBatchSize(DataSize.ofKilobytes(16));
		kafka.getProducer().setBufferMemory(DataSize.ofKilobytes(32));
		return new RelayFactory(this.database, kafka, this.metrics, new OutboxStore(this.json), this.orderEventsTopic,
				this.tracing, java.time.Clock.systemUTC())
			.create("proxied-relay", settings, false);
	}

	private static List<ConsumerRecord<String, byte[]>> ofOrder(List<ConsumerRecord<String, byte[]>> records,
			UUID order) {
		return records.stream().filter((record) -> record.key().equals(order.toString())).toList();
	}

	private KafkaConsumer<String, byte[]> readCommitted() {
		return reader("read_committed");
	}

	private KafkaConsumer<String, byte[]> reader(String isolationLevel) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> consumer.partitionsFor(EventTopics.ORDER_EVENTS, Duration.ofSeconds(5))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList(), (list) -> !list.isEmpty());
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	/** Each sequence of the order once, in the order readers first saw it. */
	private static List<Long> distinctSequences(List<ConsumerRecord<String, byte[]>> records, UUID order) {
		return records.stream()
			.filter((record) -> record.key().equals(order.toString()))
			.map((record) -> Long
				.parseLong(new String(record.headers().lastHeader("sequence").value(), StandardCharsets.UTF_8)))
			.distinct()
			.toList();
	}

	private List<Long> rows(UUID order) {
		return this.jdbc.queryForList("select sequence from outbox_event where order_id = ? order by id", Long.class,
				order);
	}

	private void insert(UUID order, long sequence, int payloadBytes) {
		this.jdbc.update("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, 'order.placed.v1', ?, ?, jsonb_build_object('sequence', ?::text))""", UUID.randomUUID(),
				order, sequence, new byte[payloadBytes], Long.toString(sequence));
	}

}
