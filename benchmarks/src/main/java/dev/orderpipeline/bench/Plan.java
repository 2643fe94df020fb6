package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and how hard each scenario runs: the full run for people, the smoke run (a few
 * seconds per scenario) for CI. Every number can be overridden with an option of the same
 * name. Rates are not fixed numbers: the scenarios after the capacity run are offered
 * fractions of the capacity measured in the same run (half of it, twice it), so the
 * figures mean the same on a fast and on a slow day.
 */
record Plan(String name, int clients, int warmupRate, int warmupSeconds, int capacityConnections, int capacitySeconds,
		int closedLoopClients, int closedLoopSeconds, int halfCapacitySeconds, int overloadSeconds, int endToEndSeconds,
		int burstOrders, int backlog, int relayRuns, boolean consumersOneByOne, int recoveryBeforeSeconds,
		int recoveryOutageSeconds, int recoveryAfterSeconds, int sustainedSeconds, int pgbenchSeconds,
		int pgbenchClients, long producerRecords, long catchUpTimeoutSeconds) {

	static Plan of(Options options) {
		boolean smoke = options.flag("smoke");
		return new Plan(smoke ? "smoke" : "full", options.getInt("clients", smoke ? 50 : 2000),
				options.getInt("warmup-rate", smoke ? 50 : 300), options.getInt("warmup-seconds", smoke ? 2 : 15),
				options.getInt("capacity-connections", smoke ? 8 : 64),
				options.getInt("capacity-seconds", smoke ? 3 : 30),
				options.getInt("closed-loop-clients", smoke ? 50 : 2000),
				options.getInt("closed-loop-seconds", smoke ? 2 : 20),
				options.getInt("half-capacity-seconds", smoke ? 3 : 60),
				options.getInt("overload-seconds", smoke ? 3 : 30), options.getInt("e2e-seconds", smoke ? 3 : 30),
				options.getInt("burst", smoke ? 300 : 10_000), options.getInt("backlog", smoke ? 2000 : 100_000),
				options.getInt("relay-runs", smoke ? 1 : 3), !smoke,
				options.getInt("recovery-before-seconds", smoke ? 2 : 20),
				options.getInt("recovery-outage-seconds", smoke ? 3 : 60),
				options.getInt("recovery-after-seconds", smoke ? 5 : 60),
				options.getInt("sustained-seconds", smoke ? 5 : 600), options.getInt("pgbench-seconds", smoke ? 2 : 30),
				options.getInt("pgbench-clients", 8),
				Long.parseLong(options.get("producer-records", smoke ? "20000" : "500000")),
				options.getInt("catch-up-timeout-seconds", smoke ? 180 : 600));
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("mode", this.name);
		map.put("simulatedClients", this.clients);
		map.put("warmup", this.warmupRate + "/s for " + this.warmupSeconds + " s");
		map.put("quiet", "before each scenario and baseline: every consumer's lag 0 and the outbox empty (at most "
				+ this.catchUpTimeoutSeconds + " s)");
		map.put("capacity", this.capacityConnections + " connections (closed loop) for " + this.capacitySeconds + " s");
		map.put("manyClients", this.closedLoopClients + " clients (closed loop) for " + this.closedLoopSeconds + " s");
		map.put("halfCapacity",
				"open loop at 0.5 x capacity for " + this.halfCapacitySeconds + " s, consumers running, then stopped");
		map.put("overload", "open loop at 2 x capacity for " + this.overloadSeconds + " s");
		map.put("endToEnd", "0.5 x capacity for " + this.endToEndSeconds + " s");
		map.put("burst", this.burstOrders + " orders in 1 s");
		map.put("backlog", this.backlog + " outbox rows / events, relay drained " + this.relayRuns + " time(s)"
				+ (this.consumersOneByOne ? ", consumers drained one at a time" : ", consumers drained together"));
		map.put("recovery",
				"0.5 x capacity; broker stopped after " + this.recoveryBeforeSeconds + " s for "
						+ this.recoveryOutageSeconds + " s, load goes on " + this.recoveryAfterSeconds
						+ " s after the restart");
		map.put("sustained", "0.5 x capacity for " + this.sustainedSeconds + " s, backlog sampled");
		map.put("pgbench", this.pgbenchClients + " clients for " + this.pgbenchSeconds + " s");
		map.put("producerPerformance", this.producerRecords + " records");
		return map;
	}

}
