package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard each scenario runs: the full run for people, the smoke run (a few
 * seconds per scenario) for CI. Every number can be overridden with an option of the same
 * name.
 */
record Plan(String name, int clients, int warmupRate, int warmupSeconds, List<Integer> fixedRates, int fixedSeconds,
		int rampStart, int rampStep, int rampMax, int rampSeconds, int closedLoopClients, int closedLoopSeconds,
		int endToEndRate, int endToEndSeconds, int burstOrders, int backlog, boolean consumersOneByOne,
		int recoveryRate, int recoveryBeforeSeconds, int recoveryOutageSeconds, int recoveryAfterSeconds,
		int pgbenchSeconds, int pgbenchClients, long producerRecords, double p99TargetMs) {

	static Plan of(Options options) {
		boolean smoke = options.flag("smoke");
		return new Plan(smoke ? "smoke" : "full", options.getInt("clients", smoke ? 50 : 2000),
				options.getInt("warmup-rate", smoke ? 50 : 300), options.getInt("warmup-seconds", smoke ? 2 : 15),
				List.of(options.get("rates", smoke ? "100" : "500,1000").split(","))
					.stream()
					.map(String::trim)
					.map(Integer::parseInt)
					.toList(),
				options.getInt("fixed-seconds", smoke ? 2 : 30), options.getInt("ramp-start", smoke ? 100 : 500),
				options.getInt("ramp-step", smoke ? 100 : 250), options.getInt("ramp-max", smoke ? 200 : 5000),
				options.getInt("ramp-seconds", smoke ? 2 : 15),
				options.getInt("closed-loop-clients", smoke ? 20 : 2000),
				options.getInt("closed-loop-seconds", smoke ? 2 : 20), options.getInt("e2e-rate", smoke ? 100 : 1000),
				options.getInt("e2e-seconds", smoke ? 3 : 30), options.getInt("burst", smoke ? 300 : 10_000),
				options.getInt("backlog", smoke ? 2000 : 100_000), !smoke,
				options.getInt("recovery-rate", smoke ? 50 : 500),
				options.getInt("recovery-before-seconds", smoke ? 2 : 20),
				options.getInt("recovery-outage-seconds", smoke ? 3 : 60),
				options.getInt("recovery-after-seconds", smoke ? 5 : 60),
				options.getInt("pgbench-seconds", smoke ? 2 : 30), options.getInt("pgbench-clients", 8),
				Long.parseLong(options.get("producer-records", smoke ? "20000" : "500000")),
				Double.parseDouble(options.get("p99-target-ms", "25")));
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("mode", this.name);
		map.put("simulatedClients", this.clients);
		map.put("warmup", this.warmupRate + "/s for " + this.warmupSeconds + " s");
		map.put("fixedRates", this.fixedRates.toString() + " for " + this.fixedSeconds + " s each");
		map.put("ramp", this.rampStart + " to " + this.rampMax + " step " + this.rampStep + ", " + this.rampSeconds
				+ " s per step, until p99 > " + this.p99TargetMs + " ms or errors");
		map.put("closedLoop", this.closedLoopClients + " clients for " + this.closedLoopSeconds + " s");
		map.put("endToEnd", this.endToEndRate + "/s for " + this.endToEndSeconds + " s");
		map.put("burst", this.burstOrders + " orders in 1 s");
		map.put("backlog", this.backlog + " outbox rows / events"
				+ (this.consumersOneByOne ? ", consumers drained one at a time" : ", consumers drained together"));
		map.put("recovery",
				this.recoveryRate + " orders/s; broker stopped after " + this.recoveryBeforeSeconds + " s for "
						+ this.recoveryOutageSeconds + " s, load goes on " + this.recoveryAfterSeconds
						+ " s after the restart");
		map.put("pgbench", this.pgbenchClients + " clients for " + this.pgbenchSeconds + " s");
		map.put("producerPerformance", this.producerRecords + " records");
		return map;
	}

}
