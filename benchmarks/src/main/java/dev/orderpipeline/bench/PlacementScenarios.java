package dev.orderpipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user asks of the order API: how many orders per second it takes (capacity at a
 * sane concurrency, and with thousands of clients), its latency at half of that with the
 * consumers running and with them stopped, what it does when offered twice its capacity,
 * and the rate the whole pipeline sustains for minutes without a growing backlog.
 */
final class PlacementScenarios {

	private final Stack stack;

	private final OpenLoopLoad load;

	private final Plan plan;

	private final Report report;

	PlacementScenarios(Stack stack, OpenLoopLoad load, Plan plan, Report report) {
		this.stack = stack;
		this.load = load;
		this.plan = plan;
		this.report = report;
	}

	/**
	 * S1: closed loop at {@code capacityConnections} (the capacity the later scenarios
	 * are offered fractions of), then with {@code closedLoopClients} clients.
	 */
	Map<String, Object> capacity() throws InterruptedException {
		System.out.println("\n== Scenario 1: capacity, " + this.plan.capacityConnections() + " connections");
		Map<String, Object> result = new LinkedHashMap<>();
		CpuAccounting.Snapshot before = CpuAccounting.snapshot();
		LoadResult sane = this.load.runClosedLoop("capacity-" + this.plan.capacityConnections(),
				this.plan.capacityConnections(), Duration.ofSeconds(this.plan.capacitySeconds()));
		result.put("cpu", CpuAccounting.perOrder(before, CpuAccounting.snapshot(), sane.ok()));
		System.out.println(sane.summary());
		this.report.latency("S1 " + this.plan.capacityConnections() + " connections (closed loop)", sane.latency());
		this.report.throughput("S1 " + this.plan.capacityConnections() + " connections", sane.okPerSecond());
		result.put("connections", sane.toMap());
		result.put("ordersPerSecond", sane.achievedOkPerSecond());
		this.stack.awaitQuiet(this.plan.catchUpTimeoutSeconds());
		LoadResult many = this.load.runClosedLoop("clients-" + this.plan.closedLoopClients(),
				this.plan.closedLoopClients(), Duration.ofSeconds(this.plan.closedLoopSeconds()));
		System.out.println(many.summary());
		this.report.latency("S1 " + this.plan.closedLoopClients() + " clients (closed loop)", many.latency());
		this.report.throughput("S1 " + this.plan.closedLoopClients() + " clients", many.okPerSecond());
		result.put("manyClients", many.toMap());
		return result;
	}

	/**
	 * S1b: open loop at half of the capacity, with the consumers running, then with them
	 * stopped (the API's latency without any competition for the cores).
	 */
	Map<String, Object> halfCapacity(int rate) throws Exception {
		System.out
			.println("\n== Scenario 1b: " + rate + " orders/s (half of capacity), consumers running, then stopped");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rate", rate);
		CpuAccounting.Snapshot before = CpuAccounting.snapshot();
		LoadResult running = this.load.run("half-running", rate, Duration.ofSeconds(this.plan.halfCapacitySeconds()));
		result.put("cpu", CpuAccounting.perOrder(before, CpuAccounting.snapshot(), running.ok()));
		System.out.println(running.summary());
		this.report.latency("S1b " + rate + "/s, consumers running", running.latency());
		result.put("consumersRunning", running.toMap());
		this.stack.awaitQuiet(this.plan.catchUpTimeoutSeconds());
		for (String consumer : Stack.CONSUMERS.keySet()) {
			this.stack.stopService(consumer);
		}
		try {
			LoadResult stopped = this.load.run("half-stopped", rate,
					Duration.ofSeconds(this.plan.halfCapacitySeconds()));
			System.out.println(stopped.summary());
			this.report.latency("S1b " + rate + "/s, consumers stopped", stopped.latency());
			result.put("consumersStopped", stopped.toMap());
		}
		finally {
			for (Map.Entry<String, String> consumer : Stack.CONSUMERS.entrySet()) {
				this.stack.startService(consumer.getKey(), consumer.getValue(), Duration.ofMinutes(3));
			}
		}
		return result;
	}

	/**
	 * S1c: twice the capacity, open loop. Admission control should answer the excess with
	 * 503 at once and keep the admitted requests fast; no client may time out.
	 */
	Map<String, Object> overload(int rate) throws InterruptedException {
		System.out.println("\n== Scenario 1c: overload, " + rate + " orders/s (twice capacity)");
		LoadResult run = this.load.run("overload", rate, Duration.ofSeconds(this.plan.overloadSeconds()));
		System.out.println(run.summary());
		System.out.printf("Admitted %s, refused %s, client timeouts %d%n", Percentiles.of(run.admitted()),
				Percentiles.of(run.refused()), run.timeouts());
		this.report.latency("S1c overload: admitted", run.admitted());
		this.report.latency("S1c overload: refused (503)", run.refused());
		this.report.throughput("S1c overload " + rate + "/s", run.okPerSecond());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rate", rate);
		result.put("load", run.toMap());
		return result;
	}

	/**
	 * S7: the full pipeline at a steady rate for minutes. The backlog (outbox rows plus
	 * every consumer's lag) is sampled; "flat" means it grew by less than one event per
	 * hundred offered between the first and the last quarter of the run.
	 */
	Map<String, Object> sustained(int rate) throws Exception {
		int seconds = this.plan.sustainedSeconds();
		System.out.println("\n== Scenario 7: sustained, " + rate + " orders/s for " + seconds + " s");
		Map<String, Sampler.Probe> probes = new LinkedHashMap<>();
		probes.put("backlog", () -> {
			long total = this.stack.outboxRows();
			for (String consumer : Stack.CONSUMERS.keySet()) {
				total += this.stack.lag(consumer);
			}
			return total;
		});
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rate", rate);
		try (Sampler sampler = new Sampler("sustained", probes, 1000)) {
			CpuAccounting.Snapshot before = CpuAccounting.snapshot();
			LoadResult run = this.load.run("sustained", rate, Duration.ofSeconds(seconds));
			result.put("cpu", CpuAccounting.perOrder(before, CpuAccounting.snapshot(), run.ok()));
			System.out.println(run.summary());
			Sampler.Series series = sampler.series("backlog");
			double early = meanBetween(series, seconds * 0.0, seconds * 0.25);
			double late = meanBetween(series, seconds * 0.75, seconds * 1.0);
			double growthPerSecond = (late - early) / (seconds * 0.75);
			boolean flat = run.keptUp() && growthPerSecond <= rate * 0.01;
			result.put("load", run.toMap());
			result.put("backlogFirstQuarterMean", early);
			result.put("backlogLastQuarterMean", late);
			result.put("backlogGrowthPerSecond", growthPerSecond);
			result.put("flat", flat);
			this.report.backlog("S7 sustained backlog (outbox + lags)", series);
			this.report.latency("S7 sustained " + rate + "/s", run.latency());
			System.out.printf("Backlog: first quarter %.0f, last quarter %.0f, growth %.1f events/s: %s%n", early, late,
					growthPerSecond, flat ? "flat" : "GROWING");
		}
		return result;
	}

	private static double meanBetween(Sampler.Series series, double from, double to) {
		List<Double> values = new ArrayList<>();
		for (double[] point : series.points()) {
			if (point[0] >= from && point[0] <= to) {
				values.add(point[1]);
			}
		}
		return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
	}

}
