package dev.orderpipeline.orders.outbox;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.checker.CheckOptions;
import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.CheckWindow;
import dev.orderpipeline.checker.CheckerSources;
import dev.orderpipeline.checker.InvariantChecker;
import dev.orderpipeline.checker.InvariantReport;
import dev.orderpipeline.checker.ReportText;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.infra.faults.TcpProxy;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.KafkaBrokerControl;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Randomised faults against the outbox half of the pipeline, checked by the invariant
 * checker rather than by a test written for each fault. Customers place and cancel orders
 * through the API (some with an {@code Idempotency-Key}, some retried with it, many
 * contending for scarce stock) while two relays, each in a JVM of its own and reaching
 * PostgreSQL through a TCP proxy of its own, share the outbox. Each round injects one or
 * two faults at random: {@code kill -9} of the active relay, SIGSTOP of it for longer
 * than its session timeout, a silently dropping network between it and the database, or a
 * broker stop and restart. Then the workload stops, the round waits until the outbox is
 * empty (the recovery time), and the checker must find, for the round's orders, every
 * committed event on {@code order-events} in sequence order and stock equal to the open
 * orders.
 * <p>
 * {@code -Dfaults.rounds=N} (default 3, a short run for {@code ./test.sh}) and
 * {@code -Dfaults.seed=S} (default random; printed, so a failing round can be replayed).
 * {@code -Dfaults.report=path} writes the rounds as a Markdown table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class RandomRelayFaultsTest {

	private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(120);

	enum Fault {

		KILL_ACTIVE_RELAY, FREEZE_ACTIVE_RELAY, DROP_ACTIVE_RELAYS_NETWORK, RESTART_BROKER

	}

	@Value("${local.server.port}")
	int port;

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

	private final Map<String, Relay> relays = new LinkedHashMap<>();

	private OutboxProperties.Relay settings;

	@BeforeEach
	void twoRelayProcessesTakeOver() {
		this.applicationRelay.stop();
		this.settings = RelaySettings.from(this.environment);
		for (String name : List.of("relay-a", "relay-b")) {
			this.relays.put(name, Relay.start(name, this));
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> activeRelay() != null);
	}

	@AfterEach
	void handBack() {
		this.relays.values().forEach(Relay::close);
		KafkaBrokerControl.start();
		this.applicationRelay.start();
	}

	@Test
	void noCommittedEventIsLostOrReorderedWhateverFaultsHitTheRelays() throws Exception {
		long seed = Long.getLong("faults.seed", new Random().nextLong());
		int rounds = Integer.getInteger("faults.rounds", 3);
		System.out.printf("[faults] seed %d, %d rounds (replay: -Dfaults.seed=%d)%n", seed, rounds, seed);
		Random random = new Random(seed);
		OrderApi api = new OrderApi(this.port);
		List<String> skus = new ArrayList<>();
		List<String> rows = new ArrayList<>();
		Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
		for (int round = 1; round <= rounds; round++) {
			Instant from = Instant.now();
			List<Fault> faults = pick(random);
			List<String> roundSkus = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				// Scarce: the round runs out of some and gets 409s, as contention would.
				roundSkus.add(api.createProduct(100 + i, 40));
			}
			skus.addAll(roundSkus);
			Workload workload = new Workload(api, roundSkus, new Random(random.nextLong()));
			workload.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> workload.placed.get() >= 20);
			for (Fault fault : faults) {
				inject(fault, random);
				injected.merge(fault, 1, Integer::sum);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> workload.placed.get() >= 60);
			workload.stop();
			long settling = System.nanoTime();
			await().atMost(RECOVERY_LIMIT)
				.until(() -> this.jdbc.queryForObject("select count(*) from outbox_event", Long.class) == 0);
			double recovery = (System.nanoTime() - settling) / 1e9;
			CheckReport report = check(from);
			String failure = "round " + round + " of seed " + seed + " (" + faults + "):\n" + ReportText.format(report);
			assertThat(report.invariant("outbox: every committed event on order-events").violationCount()).as(failure)
				.isZero();
			assertThat(report.invariant("order-events: each order's events in sequence order").violationCount())
				.as(failure)
				.isZero();
			InvariantReport stock = report.invariant("stock: reserved equals the open orders' quantities");
			assertThat(stock.violations()).as(failure).noneMatch((violation) -> skus.contains(violation.id()));
			rows.add("| %d | %s | %d placed, %d cancelled, %d refused, %d replayed | %d | %.1f s |".formatted(round,
					faults, workload.placed.get(), workload.cancelled.get(), workload.refused.get(),
					workload.replayed.get(), report.invariant("outbox: every committed event on order-events").held(),
					recovery));
			System.out.println("[faults] " + rows.get(rows.size() - 1));
			restartDeadRelays();
		}
		writeReport(seed, rows, injected);
	}

	private List<Fault> pick(Random random) {
		Fault[] all = Fault.values();
		List<Fault> faults = new ArrayList<>(List.of(all[random.nextInt(all.length)]));
		if (random.nextInt(3) == 0) {
			Fault second = all[random.nextInt(all.length)];
			if (!faults.contains(second)) {
				faults.add(second);
			}
		}
		return faults;
	}

	private void inject(Fault fault, Random random) throws InterruptedException {
		String active = activeRelay();
		Relay leader = (active != null && this.relays.get(active).process.isAlive()) ? this.relays.get(active) : null;
		System.out.printf("[faults] %s (active relay: %s)%n", fault, active);
		switch (fault) {
			case KILL_ACTIVE_RELAY -> {
				if (leader != null) {
					leader.process.kill();
					// The other relay takes over once the dead session's lock is gone; a
					// second fault of the round then hits the new leader.
					await().atMost(Duration.ofSeconds(60)).until(() -> anotherRelayLeads(active));
					// Its instance comes back, as a standby: the next fault has two
					// relays.
					restartDeadRelays();
				}
			}
			case FREEZE_ACTIVE_RELAY -> {
				if (leader != null) {
					leader.process.freeze();
					// Longer than the session timeout: the database ends its session and
					// the
					// other relay takes over while it sleeps.
					await().atMost(Duration.ofSeconds(60)).until(() -> anotherRelayLeads(active));
					leader.process.thaw();
				}
			}
			case DROP_ACTIVE_RELAYS_NETWORK -> {
				if (leader != null) {
					leader.network.drop();
					await().atMost(Duration.ofSeconds(60)).until(() -> anotherRelayLeads(active));
					leader.network.heal();
				}
			}
			case RESTART_BROKER -> {
				KafkaBrokerControl.stop();
				// Down for a random 1-5 s of workload; the relays back off, requests go
				// on.
				long until = System.nanoTime() + Duration.ofMillis(1000 + random.nextInt(4000)).toNanos();
				await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() >= until);
				KafkaBrokerControl.start();
			}
		}
	}

	private void restartDeadRelays() {
		this.relays.replaceAll((name, relay) -> {
			if (relay.process.isAlive()) {
				return relay;
			}
			relay.close();
			return Relay.start(name, this);
		});
	}

	private CheckReport check(Instant from) {
		Map<String, Object> kafka = new LinkedHashMap<>(this.kafka.buildConsumerProperties());
		CheckerSources sources = new CheckerSources(this.jdbc.getDataSource(), kafka, EventTopics.ORDER_EVENTS,
				List.of());
		return new InvariantChecker(sources).check(new CheckWindow(from, Instant.now()), CheckOptions.defaults());
	}

	private void writeReport(long seed, List<String> rows, Map<Fault, Integer> injected) throws IOException {
		String path = System.getProperty("faults.report");
		if (path == null) {
			return;
		}
		String text = """
				# Randomised relay faults

				`./mvnw -pl order-service verify -Dtest=RandomRelayFaultsTest -Dfaults.rounds=%d -Dfaults.seed=%d`, \
				run %s. Every round: the outbox and sequence invariants checked for the round's orders, and stock \
				for its SKUs; 0 violations (the test fails otherwise). Faults injected: %s.

				| Round | Faults | Workload | Events checked | Recovery (outbox empty) |
				| --- | --- | --- | --- | --- |
				%s
				""".formatted(rows.size(), seed, Instant.now(), injected, String.join("\n", rows));
		Path file = Path.of(path);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, text);
	}

	/** The name of the relay process holding the lock, or null. */
	/**
	 * Whether a relay other than {@code previous} holds the lock. One look at the lock:
	 * asked twice, the holder can change in between (the database ending the frozen or
	 * cut-off relay's session).
	 */
	private boolean anotherRelayLeads(String previous) {
		String now = activeRelay();
		return now != null && !now.equals(previous);
	}

	String activeRelay() {
		String holder = lockHolder();
		return this.relays.keySet().stream().filter(holder::contains).findFirst().orElse(null);
	}

	/** The application name of the session holding the relay lock, or "". */
	String lockHolder() {
		List<String> holders = this.jdbc.queryForList("""
				select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
				 where l.locktype = 'advisory' and l.granted and l.objsubid = 1
				   and ((l.classid::bigint << 32) | l.objid::bigint) = ?""", String.class, this.settings.lockKey());
		return holders.isEmpty() ? "" : holders.get(0);
	}

	/** A relay process and the proxy its database connection goes through. */
	record Relay(RelayProcess.Handle process, TcpProxy network) implements AutoCloseable {

		static Relay start(String name, RandomRelayFaultsTest test) {
			Matcher url = Pattern.compile("(jdbc:postgresql://[^:/]+:)(\\d+)(/.*)").matcher(test.database.getJdbcUrl());
			assertThat(url.matches()).as(test.database.getJdbcUrl()).isTrue();
			TcpProxy network = TcpProxy.to(Integer.parseInt(url.group(2)));
			Map<String, String> arguments = new LinkedHashMap<>();
			arguments.put("name", name);
			arguments.put("jdbc-url", url.group(1) + network.port() + url.group(3));
			arguments.put("user", test.database.getUsername());
			arguments.put("password", test.database.getPassword());
			arguments.put("bootstrap-servers", String.join(",", test.kafka.getBootstrapServers()));
			arguments.put("orders.outbox.relay.delivery-timeout", test.settings.deliveryTimeout().toString());
			arguments.put("orders.outbox.relay.max-block", test.settings.maxBlock().toString());
			arguments.put("orders.outbox.relay.max-backoff", test.settings.maxBackoff().toString());
			arguments.put("orders.outbox.relay.session-timeout", test.settings.sessionTimeout().toString());
			return new Relay(RelayProcess.Handle.start(arguments), network);
		}

		@Override
		public void close() {
			this.process.close();
			this.network.close();
		}

	}

	/**
	 * Customers placing and cancelling orders through the API: a third with an
	 * {@code Idempotency-Key}, some of those sent twice; a quarter of the placed orders
	 * cancelled. Refusals (no stock left) are part of the workload.
	 */
	static final class Workload {

		/**
		 * The answers that state a refusal: out of stock, rate limited, over capacity.
		 */
		private static final Set<Integer> REFUSALS = Set.of(409, 429, 503);

		final AtomicLong placed = new AtomicLong();

		final AtomicLong cancelled = new AtomicLong();

		final AtomicLong refused = new AtomicLong();

		final AtomicLong replayed = new AtomicLong();

		final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

		private final OrderApi api;

		private final List<String> skus;

		private final Random random;

		private final AtomicBoolean running = new AtomicBoolean();

		private final List<Thread> threads = new ArrayList<>();

		Workload(OrderApi api, List<String> skus, Random random) {
			this.api = api;
			this.skus = skus;
			this.random = random;
		}

		void start() {
			this.running.set(true);
			for (int i = 0; i < 3; i++) {
				Random own = new Random(this.random.nextLong());
				Thread thread = new Thread(() -> run(own), "fault-workload-" + i);
				this.threads.add(thread);
				thread.start();
			}
		}

		void stop() {
			this.running.set(false);
			for (Thread thread : this.threads) {
				try {
					thread.join(30_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			assertThat(this.unexpected).as("answers that are neither success nor a stated refusal").isEmpty();
		}

		private void run(Random random) {
			while (this.running.get()) {
				String customer = "fault-" + random.nextInt(20);
				OrderApi as = this.api.asCustomer(customer);
				String body = OrderApi.orderJson(this.skus.get(random.nextInt(this.skus.size())),
						1 + random.nextInt(3));
				HttpResponse<String> answer;
				if (random.nextInt(3) == 0) {
					String key = UUID.randomUUID().toString();
					answer = as.post("/orders", body, "Idempotency-Key", key);
					if (random.nextBoolean()) {
						HttpResponse<String> again = as.post("/orders", body, "Idempotency-Key", key);
						if (again.statusCode() == 201 && answer.statusCode() == 201
								&& !JsonPath.parse(again.body())
									.read("$.id")
									.equals(JsonPath.parse(answer.body()).read("$.id"))) {
							this.unexpected.add("replay placed a second order " + again.body());
						}
						else if (again.statusCode() == answer.statusCode()) {
							this.replayed.incrementAndGet();
						}
						else if (REFUSALS.contains(answer.statusCode()) && again.statusCode() == 201) {
							// Only a placed order is stored under the key: a refusal
							// (409 out of stock, 429, 503) committed nothing, so the
							// client's retry is the first placement and counts as one.
							answer = again;
						}
						else if (!REFUSALS.contains(again.statusCode())) {
							this.unexpected.add("replay " + again.statusCode() + " " + again.body());
						}
					}
				}
				else {
					answer = as.post("/orders", body);
				}
				if (answer.statusCode() == 201) {
					this.placed.incrementAndGet();
					if (random.nextInt(4) == 0) {
						String id = JsonPath.parse(answer.body()).read("$.id");
						HttpResponse<String> cancel = as.post("/orders/" + id + "/cancel", "{}");
						if (cancel.statusCode() == 200) {
							this.cancelled.incrementAndGet();
						}
						else {
							this.unexpected.add("cancel " + cancel.statusCode() + " " + cancel.body());
						}
					}
				}
				else if (REFUSALS.contains(answer.statusCode())) {
					this.refused.incrementAndGet();
				}
				else {
					this.unexpected.add("place " + answer.statusCode() + " " + answer.body());
				}
			}
		}

	}

}
