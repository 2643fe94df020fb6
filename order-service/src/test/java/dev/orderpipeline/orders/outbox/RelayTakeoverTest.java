package dev.orderpipeline.orders.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orderpipeline.infra.faults.TcpProxy;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The active relay stops answering without dying: its process is frozen (SIGSTOP), or the
 * network to its database silently drops everything. Its database session, and with it
 * the lock, would outlive it for hours; the session's own timeouts end it within seconds,
 * a standby relay takes over, fences the frozen relay's producer, and every event reaches
 * {@code read_committed} readers, each order's in order. The only repetition allowed is
 * the takeover's: rows the frozen relay had committed but not yet deleted are published
 * once more, before anything newer of their order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RelayTakeoverTest {

	private static final Duration TAKEOVER = Duration.ofSeconds(30);

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	Environment environment;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	RelayFactory relays;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	JsonMapper json;

	@Autowired
	OutboxTracing tracing;

	@Autowired
	NewTopic orderEventsTopic;

	EventLog log;

	final Workload workload = new Workload();

	@BeforeEach
	void takeOverFromTheApplicationRelay() {
		this.applicationRelay.stop();
		this.log = EventLog.open(this.kafka);
	}

	@AfterEach
	void handBack() {
		this.workload.stop();
		this.log.close();
		this.applicationRelay.start();
	}

	@Test
	void aFrozenRelayProcessIsReplacedWithinSecondsAndStandsDownWhenItWakes() {
		OutboxProperties.Relay settings = RelaySettings.from(this.environment);
		OutboxRelay standby = this.relays.create("standby-relay", settings, false);
		try (RelayProcess.Handle frozen = RelayProcess.Handle.start(processArguments(settings))) {
			await().atMost(Duration.ofSeconds(90)).until(() -> lockHolder().contains("frozen-relay"));
			this.workload.start();
			awaitProgress();
			standby.start();

			frozen.freeze();
			long frozenAt = System.nanoTime();
			await().atMost(TAKEOVER).until(standby::isActive);
			System.out.printf("[takeover] standby active %.1f s after SIGSTOP%n", (System.nanoTime() - frozenAt) / 1e9);
			awaitProgress();

			frozen.thaw();
			await().atMost(TAKEOVER)
				.until(() -> frozen.output().contains("lost its database session")
						|| frozen.output().contains("was fenced"));
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> lockHolder().contains("standby-relay"));
			this.workload.stop();

			assertEveryEventPublishedInOrder();
			System.out.println("[takeover] frozen relay's output:\n" + frozen.output());
		}
		finally {
			standby.stop();
		}
	}

	@Test
	void aRelayWhoseDatabaseConnectionSilentlyDropsIsReplacedWithinSeconds() {
		OutboxProperties.Relay settings = RelaySettings.from(this.environment);
		OutboxRelay standby = this.relays.create("standby-relay", settings, false);
		Matcher url = Pattern.compile("(jdbc:postgresql://[^:/]+:)(\\d+)(/.*)").matcher(this.database.getJdbcUrl());
		assertThat(url.matches()).as(this.database.getJdbcUrl()).isTrue();
		try (TcpProxy network = TcpProxy.to(Integer.parseInt(url.group(2)))) {
			String viaProxy = url.group(1) + network.port() + url.group(3);
			OutboxRelay cutOff = new RelayFactory(detailsWithUrl(viaProxy), this.kafka, this.metrics,
					new OutboxStore(this.json), this.orderEventsTopic, this.tracing, Clock.systemUTC())
				.create("cut-off-relay", settings, false);
			cutOff.start();
			try {
				await().atMost(TAKEOVER).until(cutOff::isActive);
				this.workload.start();
				awaitProgress();
				standby.start();

				network.drop();
				long droppedAt = System.nanoTime();
				await().atMost(TAKEOVER).until(standby::isActive);
				System.out.printf("[takeover] standby active %.1f s after the network dropped%n",
						(System.nanoTime() - droppedAt) / 1e9);
				await().atMost(TAKEOVER).until(() -> !cutOff.isActive());
				awaitProgress();
				this.workload.stop();

				assertEveryEventPublishedInOrder();
				assertThat(lockHolder()).contains("standby-relay");
			}
			finally {
				cutOff.stop();
			}
		}
		finally {
			standby.stop();
		}
	}

	private void awaitProgress() {
		long target = this.workload.inserted.get() + 20;
		await().atMost(TAKEOVER).until(() -> {
			this.log.poll();
			return publishedOfWorkload() >= target;
		});
	}

	private long publishedOfWorkload() {
		return this.workload.orders.stream().mapToLong((order) -> this.log.of(order.toString()).size()).sum();
	}

	/**
	 * Every sequence of every order is there; each order's records ascend, but for at
	 * most one step back (the takeover's re-publication).
	 */
	private void assertEveryEventPublishedInOrder() {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.log.poll();
			return this.jdbc.queryForObject("select count(*) from outbox_event where parked_at is null",
					Long.class) == 0 && everyEventSeen();
		});
		for (UUID order : this.workload.orders) {
			List<Long> sequences = sequences(order);
			int stepsBack = 0;
			for (int i = 1; i < sequences.size(); i++) {
				if (sequences.get(i) <= sequences.get(i - 1)) {
					stepsBack++;
				}
			}
			assertThat(stepsBack).as("steps back in %s", sequences).isLessThanOrEqualTo(1);
			assertThat(sequences.stream().distinct().sorted().toList())
				.isEqualTo(java.util.stream.LongStream.rangeClosed(1, this.workload.rounds.get()).boxed().toList());
		}
	}

	private boolean everyEventSeen() {
		return this.workload.orders.stream()
			.allMatch((order) -> sequences(order).stream().distinct().count() == this.workload.rounds.get());
	}

	private List<Long> sequences(UUID order) {
		List<Long> sequences = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : this.log.of(order.toString())) {
			sequences.add(Long.parseLong(EventLog.header(record, "sequence")));
		}
		return sequences;
	}

	/** The application name of the session holding the relay lock, or "". */
	private String lockHolder() {
		List<String> holders = this.jdbc.queryForList("""
				select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
				 where l.locktype = 'advisory' and l.granted and l.objsubid = 1
				   and ((l.classid::bigint << 32) | l.objid::bigint) = ?""", String.class,
				RelaySettings.from(this.environment).lockKey());
		return holders.isEmpty() ? "" : holders.get(0);
	}

	private Map<String, String> processArguments(OutboxProperties.Relay settings) {
		Map<String, String> arguments = new LinkedHashMap<>();
		arguments.put("name", "frozen-relay");
		arguments.put("jdbc-url", this.database.getJdbcUrl());
		arguments.put("user", this.database.getUsername());
		arguments.put("password", this.database.getPassword());
		arguments.put("bootstrap-servers", String.join(",", this.kafka.getBootstrapServers()));
		arguments.put("orders.outbox.relay.delivery-timeout", settings.deliveryTimeout().toString());
		arguments.put("orders.outbox.relay.max-block", settings.maxBlock().toString());
		arguments.put("orders.outbox.relay.max-backoff", settings.maxBackoff().toString());
		arguments.put("orders.outbox.relay.session-timeout", settings.sessionTimeout().toString());
		return arguments;
	}

	private JdbcConnectionDetails detailsWithUrl(String url) {
		JdbcConnectionDetails real = this.database;
		return new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return real.getUsername();
			}

			@Override
			public String getPassword() {
				return real.getPassword();
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}
		};
	}

	/**
	 * Orders whose events keep coming: round after round, each order gets its next
	 * sequence, one committed insert at a time (so each order's events commit in sequence
	 * order, as order-service writes them).
	 */
	final class Workload {

		final List<UUID> orders = java.util.stream.IntStream.range(0, 30).mapToObj((i) -> UUID.randomUUID()).toList();

		final AtomicLong inserted = new AtomicLong();

		final AtomicLong rounds = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean();

		private Thread thread;

		void start() {
			this.running.set(true);
			this.thread = new Thread(() -> {
				long next = System.nanoTime();
				while (this.running.get() && this.rounds.get() < 1000) {
					long round = this.rounds.get() + 1;
					for (UUID order : this.orders) {
						insert(order, round);
						this.inserted.incrementAndGet();
						// About 300 events a second.
						next += 3_333_333;
						LockSupport.parkNanos(next - System.nanoTime());
					}
					this.rounds.set(round);
				}
			}, "outbox-workload");
			this.thread.start();
		}

		void stop() {
			this.running.set(false);
			if (this.thread != null) {
				try {
					this.thread.join(30_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		private void insert(UUID order, long sequence) {
			RelayTakeoverTest.this.jdbc.update("""
					insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
					values (?, ?, 'order.placed.v1', ?, ?, jsonb_build_object('sequence', ?::text))""",
					UUID.randomUUID(), order, sequence, "{}".getBytes(StandardCharsets.UTF_8), Long.toString(sequence));
		}

	}

}
