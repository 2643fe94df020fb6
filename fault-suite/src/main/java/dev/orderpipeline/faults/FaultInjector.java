package dev.orderpipeline.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Injects one fault into the running stack, holds it and heals it: a process killed is
 * started again and awaited UP, a frozen one thawed, a stopped server started, a dropping
 * network healed. Targets are drawn from the seed.
 */
final class FaultInjector {

	/**
	 * Longer than the timeouts that notice a silent process: the relay's database session
	 * (5 s), a broker's KRaft session (9 s), a consumer's group session (45 s).
	 */
	static final Duration RELAY_FREEZE = Duration.ofSeconds(10);

	static final Duration BROKER_FREEZE = Duration.ofSeconds(12);

	static final Duration CONSUMER_FREEZE = Duration.ofSeconds(50);

	/**
	 * A restarted order-service instance runs at normal priority and is UP within a
	 * minute or two even under the workload. Not UP within this, the restart counts as a
	 * failure of the round.
	 */
	private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);

	private final StackControl control;

	private final OrderClient client;

	private final OutsideProducer outside;

	private final LiveOrderServices live;

	private final Consumer<String> log;

	FaultInjector(StackControl control, OrderClient client, OutsideProducer outside, LiveOrderServices live,
			Consumer<String> log) {
		this.control = control;
		this.client = client;
		this.outside = outside;
		this.live = live;
		this.log = log;
	}

	/** Injects, holds and heals the fault; returns what was done. */
	String play(FaultKind kind, Random random) {
		return switch (kind) {
			case KILL_ACTIVE_RELAY -> killAndRestart(activeRelay(random), hold(random, 3, 8));
			case KILL_CONSUMER -> killAndRestart(pick(consumers(), random), hold(random, 3, 8));
			case KILL_BROKER -> broker(pick(brokers(), random), "kill", hold(random, 5, 15));
			case RESTART_BROKER -> broker(pick(brokers(), random), "stop", hold(random, 2, 6));
			case RESTART_POSTGRES -> restartPostgres(hold(random, 3, 8));
			case FREEZE_PROCESS -> freeze(random);
			case DROP_PACKETS -> dropPackets(hold(random, 10, 20));
			case OUTSIDE_DUPLICATES -> this.outside.duplicates(random, 40) + " records published again";
			case OUTSIDE_REORDERED -> this.outside.reordered(random, 10) + " records of 10 orders again, newest first";
			case OUTSIDE_POISON -> this.outside.poison(random) + " poison records";
		};
	}

	/**
	 * An order-service instance is awaited UP before the workload uses it again. A
	 * consumer is not: it is niced so that it yields the cores to the request path, and
	 * under the workload its start gets only what the request path leaves (seen taking
	 * over 10 minutes, with 2 % of a core). That is the designed behaviour, so the round
	 * goes on and recovery, after the workload, waits for it to be UP.
	 */
	private String killAndRestart(StackProcess target, Duration hold) {
		boolean orderService = target.service().equals("order-service");
		if (orderService) {
			this.live.remove(target);
		}
		this.control.service(target, "kill");
		sleep(hold);
		this.control.service(target, "start");
		if (!orderService) {
			return "kill -9 " + target.label() + ", restarted after " + seconds(hold) + " (UP awaited in recovery)";
		}
		awaitUp(target);
		this.live.add(target);
		return "kill -9 " + target.label() + ", restarted after " + seconds(hold);
	}

	private String broker(StackProcess node, String how, Duration hold) {
		this.control.broker(node, how);
		sleep(hold);
		this.control.broker(node, "start");
		return ("kill".equals(how) ? "kill -9 " : "graceful stop of ") + node.label() + ", started after "
				+ seconds(hold);
	}

	private String restartPostgres(Duration hold) {
		this.control.postgres("stop");
		sleep(hold);
		this.control.postgres("start");
		return "PostgreSQL stopped, started after " + seconds(hold);
	}

	private String freeze(Random random) {
		int target = random.nextInt(3);
		if (target == 0) {
			StackProcess relay = activeRelay(random);
			return freezeService(relay, RELAY_FREEZE);
		}
		if (target == 1) {
			return freezeService(pick(consumers(), random), CONSUMER_FREEZE);
		}
		StackProcess node = pick(brokers(), random);
		this.control.broker(node, "freeze");
		sleep(BROKER_FREEZE);
		this.control.broker(node, "thaw");
		return "SIGSTOP " + node.label() + " for " + seconds(BROKER_FREEZE);
	}

	private String freezeService(StackProcess target, Duration hold) {
		this.control.service(target, "freeze");
		sleep(hold);
		this.control.service(target, "thaw");
		return "SIGSTOP " + target.label() + " for " + seconds(hold);
	}

	private String dropPackets(Duration hold) {
		this.control.network("drop");
		sleep(hold);
		this.control.network("heal");
		return "the second instances' connections to PostgreSQL dropped every packet for " + seconds(hold);
	}

	/**
	 * The order-service instance whose relay reports itself active
	 * ({@code outbox_relay_active 1}); a random one if none does just now.
	 */
	private StackProcess activeRelay(Random random) {
		List<StackProcess> instances = this.control.processes()
			.stream()
			.filter((process) -> process.service().equals("order-service") && process.running())
			.toList();
		for (StackProcess instance : instances) {
			OrderClient.Answer metrics = this.client.metrics(instance.baseUrl());
			if (!metrics.failed() && metrics.body()
				.lines()
				.anyMatch((line) -> line.startsWith("outbox_relay_active")
						&& (line.endsWith(" 1") || line.endsWith(" 1.0")))) {
				return instance;
			}
		}
		this.log.accept("no order-service instance reports an active relay; picking one at random");
		return pick(instances, random);
	}

	private List<StackProcess> consumers() {
		return this.control.processes()
			.stream()
			.filter((process) -> process.isService() && !process.service().equals("order-service") && process.running())
			.toList();
	}

	private List<StackProcess> brokers() {
		return this.control.processes().stream().filter(StackProcess::isBroker).toList();
	}

	private void awaitUp(StackProcess target) {
		Instant deadline = Instant.now().plus(UP_TIMEOUT);
		String health = "";
		while (Instant.now().isBefore(deadline)) {
			if (this.control.find(target.label()).filter(StackProcess::running).isEmpty()) {
				throw new IllegalStateException(
						target.label() + " exited while starting; see its log in the stack's logs");
			}
			health = this.client.health(target.baseUrl());
			if (health.equals("UP")) {
				return;
			}
			sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException(target.label() + " was not UP within " + seconds(UP_TIMEOUT) + ": " + health);
	}

	private static <T> T pick(List<T> items, Random random) {
		if (items.isEmpty()) {
			throw new IllegalStateException("Nothing to inject the fault into");
		}
		return items.get(random.nextInt(items.size()));
	}

	private static Duration hold(Random random, int minSeconds, int maxSeconds) {
		return Duration.ofSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds + 1));
	}

	static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

	static void sleep(Duration duration) {
		LockSupport.parkNanos(duration.toNanos());
	}

}
