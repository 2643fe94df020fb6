package dev.orderpipeline.orders.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.testing.WithRealInfrastructure;
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
	OutboxConfiguration.OutboxRelays relays;

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

	private OutboxRelay relayThroughTheProxy() {
		OutboxProperties.Relay defaults = this.relays.settings();
		OutboxProperties.Relay settings = new OutboxProperties.Relay(true, defaults.batchSize(),
				defaults.pollInterval(), defaults.lockRetryInterval(), defaults.initialBackoff(), defaults.maxBackoff(),
				Duration.ofSeconds(5), Duration.ofSeconds(20), defaults.lockKey());
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of(broker.bootstrapServers()));
		kafka.getProducer().setBatchSize(DataSize.ofKilobytes(16));
		kafka.getProducer().setBufferMemory(DataSize.ofKilobytes(32));
		return this.relays.withKafka(kafka, settings).create("proxied-relay", this.relays.store(), false, settings);
	}

	private KafkaConsumer<String, byte[]> readCommitted() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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
