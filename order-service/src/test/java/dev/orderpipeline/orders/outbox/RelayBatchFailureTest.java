package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the relay handles a batch in which only some records are acknowledged, an outcome a
 * single real broker produces only by accident of timing. The producer is Kafka's
 * {@link MockProducer} with acknowledgements scripted by the test; the outbox table and
 * the relay's lock session are the real ones. Delivery itself is tested against the real
 * broker elsewhere. Same context as the other outbox tests (one application relay per
 * test JVM).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RelayBatchFailureTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	JsonMapper json;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	OutboxConfiguration.OutboxRelays relays;

	final MeterRegistry meters = new SimpleMeterRegistry();

	final ScriptedProducer producer = new ScriptedProducer();

	OutboxRelay relay;

	@BeforeEach
	void replaceTheApplicationRelay() {
		this.applicationRelay.stop();
		OutboxProperties.Relay settings = this.relays.settings();
		this.relay = new OutboxRelay("scripted-relay", new OutboxStore(this.json),
				() -> RelayConnection.open(this.database.getJdbcUrl(), this.database.getUsername(),
						this.database.getPassword(), settings.lockKey()),
				() -> this.producer, new OutboxMetrics(this.meters), settings, EventTopics.ORDER_EVENTS, () -> {
				}, false);
	}

	@AfterEach
	void handBack() {
		this.relay.stop();
		this.applicationRelay.start();
	}

	@Test
	void aFailedRecordStaysAndIsSentAgainWhileAcknowledgedOnesAreDeletedAndAnOvertakingEventIsCounted() {
		UUID order = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		insert(order, 1);
		insert(order, 2);
		insert(other, 1);
		this.relay.start();

		// First attempt: the order's first event times out, everything else is
		// acknowledged, so its second event has overtaken it.
		await().atMost(Duration.ofSeconds(30)).until(() -> sentFor(order).size() == 2 && sentFor(other).size() == 1);
		for (ProducerRecord<String, byte[]> record : List.copyOf(this.producer.history())) {
			boolean first = record.key().equals(order.toString()) && sequence(record) == 1;
			if (first) {
				this.producer.errorNext(new TimeoutException("Expiring 1 record(s): simulated"));
			}
			else {
				this.producer.completeNext();
			}
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> sentFor(order).size() == 3);
		assertThat(sequence(sentFor(order).get(2))).isEqualTo(1);
		assertThat(rows(order)).containsExactly(1L);
		assertThat(rows(other)).isEmpty();
		while (this.producer.completeNext()) {
			// acknowledge the retry
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> rows(order).isEmpty());
		assertThat(this.meters.get("outbox.out.of.order").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("outbox.publish.failures").tag("exception", "TimeoutException").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("outbox.published").counter().count()).isGreaterThanOrEqualTo(3);
	}

	private List<ProducerRecord<String, byte[]>> sentFor(UUID order) {
		return this.producer.history().stream().filter((record) -> record.key().equals(order.toString())).toList();
	}

	private long sequence(ProducerRecord<String, byte[]> record) {
		return Long.parseLong(new String(record.headers().lastHeader("sequence").value()));
	}

	private List<Long> rows(UUID order) {
		return this.jdbc.queryForList("select sequence from outbox_event where order_id = ? order by id", Long.class,
				order);
	}

	private void insert(UUID order, long sequence) {
		// The relay passes payload and headers through untouched; a header carries the
		// sequence so the test can tell the records apart.
		this.jdbc.update("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, 'order.placed.v1', ?, '{}'::bytea, jsonb_build_object('sequence', ?::text))""",
				UUID.randomUUID(), order, sequence, Long.toString(sequence));
	}

	/** Acknowledges only when told to; {@code flush()} does not complete anything. */
	static final class ScriptedProducer extends MockProducer<String, byte[]> {

		ScriptedProducer() {
			super(false, null, new StringSerializer(), new ByteArraySerializer());
		}

		@Override
		public synchronized void flush() {
		}

		@Override
		public void close(Duration timeout) {
		}

	}

}
