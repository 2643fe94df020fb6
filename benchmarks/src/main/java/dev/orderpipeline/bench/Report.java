package dev.orderpipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Collects the figures (as maps, written as JSON) and the series for the charts, and
 * writes the Markdown report, the JSON report and the PNG charts into one directory.
 */
final class Report {

	final Map<String, Object> root = new LinkedHashMap<>();

	private final Map<String, Histogram> latencies = new LinkedHashMap<>();

	private final Map<String, long[]> throughputs = new LinkedHashMap<>();

	private final List<Sampler.Series> backlogs = new ArrayList<>();

	private final List<Sampler.Series> recovery = new ArrayList<>();

	private final Map<String, long[]> recoveryThroughput = new LinkedHashMap<>();

	private final List<String[]> targets = new ArrayList<>();

	private final List<String[]> ratios = new ArrayList<>();

	void latency(String name, Histogram histogram) {
		this.latencies.put(name, histogram);
	}

	void throughput(String name, long[] okPerSecond) {
		this.throughputs.put(name, okPerSecond);
	}

	void backlog(String name, Sampler.Series series) {
		this.backlogs.add(new Sampler.Series(name, series.points()));
	}

	void recovery(String name, Sampler.Series series) {
		this.recovery.add(new Sampler.Series(name, series.points()));
	}

	void recoveryThroughput(long[] ok, long[] failed) {
		this.recoveryThroughput.put("201 Created per second", ok);
		this.recoveryThroughput.put("errors per second", failed);
	}

	void target(String target, String measured, Boolean met, String note) {
		this.targets.add(new String[] { target, measured, met == null ? "n/a" : met ? "met" : "**not met**", note });
	}

	/** Each target judged so far: target, measured, result, note. */
	List<String[]> targets() {
		return List.copyOf(this.targets);
	}

	void ratio(String what, double measured, double baseline, String baselineName) {
		this.ratios.add(new String[] { what, fmt(measured), baselineName + " " + fmt(baseline),
				baseline > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * measured / baseline) : "n/a" });
	}

	Path write(Path directory, String stamp) throws IOException {
		Files.createDirectories(directory);
		List<Map<String, Object>> targetRows = new ArrayList<>();
		for (String[] row : this.targets) {
			targetRows
				.add(Map.of("target", row[0], "measured", row[1], "result", row[2].replace("*", ""), "note", row[3]));
		}
		this.root.put("targets", targetRows);
		List<Map<String, Object>> ratioRows = new ArrayList<>();
		for (String[] row : this.ratios) {
			ratioRows.add(Map.of("what", row[0], "measured", row[1], "baseline", row[2], "ratio", row[3]));
		}
		this.root.put("ratios", ratioRows);
		Map<String, Object> series = new LinkedHashMap<>();
		List<Object> sampled = new ArrayList<>();
		this.backlogs.forEach((one) -> sampled.add(one.toMap()));
		this.recovery.forEach((one) -> sampled.add(one.toMap()));
		series.put("sampled", sampled);
		this.root.put("series", series);
		Files.writeString(directory.resolve("report.json"), Json.write(this.root));
		Charts.latencies(directory.resolve("latency-percentiles.png"), this.latencies);
		Charts.perSecond(directory.resolve("throughput.png"), "Placement throughput per second (201 Created)",
				"orders per second", this.throughputs);
		Charts.sampled(directory.resolve("backlog.png"),
				"Backlogs: burst catch-up (S3), relay drain (S4), consumer drain (S5)",
				"records not yet published / consumed", this.backlogs);
		Charts.sampled(directory.resolve("recovery-backlog.png"), "Broker outage (S6): outbox backlog and consumer lag",
				"rows / records", this.recovery);
		Charts.perSecond(directory.resolve("recovery-throughput.png"), "Broker outage (S6): placements per second",
				"answers per second", this.recoveryThroughput);
		Path markdown = directory.resolve("README.md");
		Files.writeString(markdown, markdown(stamp));
		return markdown;
	}

	@SuppressWarnings("unchecked")
	private String markdown(String stamp) {
		StringBuilder md = new StringBuilder();
		Map<String, Object> machine = (Map<String, Object>) this.root.get("machine");
		md.append("# Order pipeline benchmark: ")
			.append(get("configuration.plan.mode"))
			.append(" run, ")
			.append(stamp)
			.append("\n\n");
		md.append("Produced by `")
			.append(get("configuration.command"))
			.append("` at commit `")
			.append(get("configuration.commit"))
			.append("`. Figures in `report.json`; charts below.\n\n");
		md.append("## Machine\n\n| | |\n|---|---|\n");
		machine.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
		md.append("\n## Configuration\n\n| | |\n|---|---|\n");
		((Map<String, Object>) get("configuration.plan"))
			.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
		md.append("| authentication | ").append(get("configuration.authentication")).append(" |\n");
		md.append("\n## Against the targets\n\n| Target | Measured | Result | Note |\n|---|---|---|---|\n");
		this.targets.forEach((row) -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
		md.append(
				"\n## Ratios to the baselines of the same run\n\n| Scenario | Measured | Baseline | Ratio |\n|---|---|---|---|\n");
		this.ratios.forEach((row) -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
		md.append("\n## Baselines\n\n");
		md.append("- **PostgreSQL** (pgbench, order transaction shape): ")
			.append(fmt(get("baselines.pgbench.tps")))
			.append(" commits/s, average latency ")
			.append(fmt(get("baselines.pgbench.latencyAverageMs")))
			.append(" ms, ")
			.append(get("baselines.pgbench.durability"))
			.append("; `")
			.append(get("baselines.pgbench.command"))
			.append("`\n");
		md.append("- **Kafka producer** (ProducerPerformance, ")
			.append(get("baselines.producerPerformance.recordSize"))
			.append("-byte records): ")
			.append(fmt(get("baselines.producerPerformance.recordsPerSecond")))
			.append(" records/s (")
			.append(fmt(get("baselines.producerPerformance.mbPerSecond")))
			.append(" MB/s); `")
			.append(get("baselines.producerPerformance.command"))
			.append("`\n");
		md.append("- **Raw consumer** (order-events, no processing): ")
			.append(fmt(get("baselines.rawConsumer.recordsPerSecond")))
			.append(" records/s over ")
			.append(get("baselines.rawConsumer.records"))
			.append(" records\n");
		md.append("\n## Scenario 1: placement (capacity, half capacity, overload, sustained)\n\n");
		md.append("| Run | Offered | Achieved ok/s | p50 ms | p99 ms | p99.9 ms | max ms | admitted p99 ms | "
				+ "refused p99 ms | client timeouts | Answers |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
		List<Object> runs = new ArrayList<>();
		for (String path : List.of("scenarios.capacity.connections", "scenarios.capacity.manyClients",
				"scenarios.halfCapacity.consumersRunning", "scenarios.halfCapacity.consumersStopped",
				"scenarios.overload.load", "scenarios.endToEnd.load", "scenarios.burst.load", "scenarios.recovery.load",
				"scenarios.sustained.load")) {
			runs.add(get(path));
		}
		for (Object run : runs) {
			if (run instanceof Map<?, ?> map) {
				Map<String, Object> latency = (Map<String, Object>) map.get("latencyMs");
				Map<String, Object> admitted = (Map<String, Object>) map.get("admittedLatencyMs");
				Map<String, Object> refused = (Map<String, Object>) map.get("refusedLatencyMs");
				md.append("| ")
					.append(map.get("label"))
					.append(" | ")
					.append(((Number) map.get("targetRate")).intValue() > 0 ? map.get("targetRate") + "/s open loop"
							: map.get("clients") + " clients, closed loop")
					.append(" | ")
					.append(fmt(map.get("achievedOkPerSecond")))
					.append(" | ")
					.append(fmt(latency.get("p50")))
					.append(" | ")
					.append(fmt(latency.get("p99")))
					.append(" | ")
					.append(fmt(latency.get("p99.9")))
					.append(" | ")
					.append(fmt(latency.get("max")))
					.append(" | ")
					.append(fmt((admitted != null) ? admitted.get("p99") : null))
					.append(" | ")
					.append(fmt((refused != null) ? refused.get("p99") : null))
					.append(" | ")
					.append(map.get("clientTimeouts"))
					.append(" | ")
					.append(map.get("statuses"))
					.append(" |\n");
			}
		}
		md.append("\nSustained run: backlog (outbox + lags) ")
			.append(fmt(get("scenarios.sustained.backlogFirstQuarterMean")))
			.append(" in the first quarter, ")
			.append(fmt(get("scenarios.sustained.backlogLastQuarterMean")))
			.append(" in the last; growth ")
			.append(fmt(get("scenarios.sustained.backlogGrowthPerSecond")))
			.append(" events/s: ")
			.append(Boolean.TRUE.equals(get("scenarios.sustained.flat")) ? "**flat**" : "**not flat**")
			.append(".\n");
		cpuTables(md);
		md.append("\n## Scenario 2: end to end at ")
			.append(get("scenarios.endToEnd.load.targetRate"))
			.append(" orders/s\n\n");
		md.append("| Path | count | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|---|\n");
		latencyRow(md, "commit → published", (Map<String, Object>) get("scenarios.endToEnd.commitToPublishedMs"));
		Map<String, Object> applied = (Map<String, Object>) get("scenarios.endToEnd.commitToAppliedMs");
		if (applied != null) {
			applied.forEach((consumer, value) -> latencyRow(md, "commit → applied by " + consumer,
					(Map<String, Object>) value));
		}
		latencyRow(md, "lower bound: 201 received → published",
				(Map<String, Object>) get("scenarios.endToEnd.answerToPublishedMs"));
		Map<String, Object> appliedLower = (Map<String, Object>) get("scenarios.endToEnd.answerToAppliedMs");
		if (appliedLower != null) {
			appliedLower.forEach((consumer, value) -> latencyRow(md,
					"lower bound: 201 received → applied by " + consumer, (Map<String, Object>) value));
		}
		md.append("\n\"Commit\" is the order's createdAt, taken inside the placing transaction: these are upper "
				+ "bounds (they include the transaction). The lower bounds start at the 201's arrival, after the "
				+ "commit; on an overloaded machine the answer's way back makes them near zero.\n");
		md.append("\n## Scenario 3: burst of ")
			.append(get("scenarios.burst.load.sent"))
			.append(" orders in one second\n\n");
		md.append("Answers: ")
			.append(get("scenarios.burst.load.statuses"))
			.append("; p99 ")
			.append(fmt(get("scenarios.burst.load.latencyMs.p99")))
			.append(" ms, max ")
			.append(fmt(get("scenarios.burst.load.latencyMs.max")))
			.append(" ms.\n\n");
		md.append("| Consumer | peak lag | caught up after (s from burst start) |\n|---|---|---|\n");
		Map<String, Object> catchUp = (Map<String, Object>) get("scenarios.burst.consumerCatchUp");
		if (catchUp != null) {
			catchUp.forEach((consumer, value) -> md.append("| ")
				.append(consumer)
				.append(" | ")
				.append(((Map<String, Object>) value).get("peakLag"))
				.append(" | ")
				.append(fmt(((Map<String, Object>) value).get("caughtUpAfterSeconds")))
				.append(" |\n"));
		}
		md.append("\n## Scenario 4: outbox relay drain\n\n| Run | rows | inserted in s | drained in s | events/s |\n"
				+ "|---|---|---|---|---|\n");
		if (get("scenarios.relayDrain") instanceof List<?> relayRuns) {
			int number = 0;
			for (Object run : relayRuns) {
				Map<String, Object> map = (Map<String, Object>) run;
				md.append("| ")
					.append(++number)
					.append(" | ")
					.append(map.get("rows"))
					.append(" | ")
					.append(fmt(map.get("insertSeconds")))
					.append(" | ")
					.append(fmt(map.get("drainSeconds")))
					.append(" | **")
					.append(fmt(map.get("eventsPerSecond")))
					.append("** |\n");
			}
		}
		md.append("\n## Scenario 5: consumer drain\n\n| Consumer | backlog | events/s |\n|---|---|---|\n");
		Map<String, Object> drains = (Map<String, Object>) get("scenarios.consumerDrain");
		if (drains != null) {
			drains.forEach((consumer, value) -> md.append("| ")
				.append(consumer)
				.append(" | ")
				.append(((Map<String, Object>) value).get("backlog"))
				.append(" | **")
				.append(fmt(((Map<String, Object>) value).get("eventsPerSecond")))
				.append("** |\n"));
		}
		md.append("\n## Scenario 6: broker stopped under load\n\n");
		md.append("Broker down ")
			.append(fmt(get("scenarios.recovery.brokerDownSeconds")))
			.append(" s (restart took ")
			.append(fmt(get("scenarios.recovery.brokerStartSeconds")))
			.append(" s) under ")
			.append(get("scenarios.recovery.load.targetRate"))
			.append(" orders/s. Answers: ")
			.append(get("scenarios.recovery.load.statuses"))
			.append(", placement p99 ")
			.append(fmt(get("scenarios.recovery.load.latencyMs.p99")))
			.append(" ms.\n\n");
		md.append("| Backlog | peak | back to steady (≤ ")
			.append(get("scenarios.recovery.steadyThreshold"))
			.append(") after the broker was up (consumers: not before the outbox), s |\n|---|---|---|\n");
		Map<String, Object> drain = (Map<String, Object>) get("scenarios.recovery.drain");
		if (drain != null) {
			drain.forEach((name, value) -> md.append("| ")
				.append(name)
				.append(" | ")
				.append(((Map<String, Object>) value).get("peak"))
				.append(" | ")
				.append(fmt(((Map<String, Object>) value).get("drainedSecondsAfterRestart")))
				.append(" |\n"));
		}
		md.append("\n## Charts\n\n");
		for (String chart : List.of("latency-percentiles", "throughput", "backlog", "recovery-backlog",
				"recovery-throughput")) {
			md.append("![").append(chart).append("](").append(chart).append(".png)\n\n");
		}
		md.append("## How the figures are taken\n\n").append(METHOD);
		return md.toString();
	}

	private static final String METHOD = """
			- Open loop: requests leave at a constant rate whatever the server does; latency is from the
			  intended send time (HdrHistogram), so queueing is counted. The concurrent-clients run is
			  closed loop (each client waits for its answer) and measures latency from the actual send.
			- Commit → published: from the order's createdAt (inside the placing transaction, so an
			  upper bound) to the benchmark's own consumer, tailing order-events, receiving the record.
			  Commit → applied: from createdAt to the consumer's processed_event.processed_at (now() of
			  the transaction that applied it). Lower bounds start at the 201's arrival instead. One
			  clock for all.
			- Backlogs: outbox rows written in one transaction in the exact format the order service
			  writes (payload and headers copied from a real record, fresh order and event ids), with the
			  consumer services stopped; the relay's drain is the time until the outbox is empty (a row
			  is deleted once the Kafka transaction that carried it committed); each consumer's drain is
			  from its first progress to zero lag, one service at a time in the full run.
			- CPU per order: utime + stime of each process of the stack from /proc over the run, divided
			  by the orders answered 201; "other" is the machine's busy time no stack process accounts
			  for, so the shares add up to the machine.
			- Before every scenario and baseline the run waits until the outbox is empty and every
			  consumer's lag is 0.
			- Broker outage: the local run's control endpoint stops the broker (controlled shutdown) and
			  starts it again on the same data; backlogs are sampled every 0.5 s.
			""";

	/** CPU milliseconds per order by process, for each run that measured them. */
	@SuppressWarnings("unchecked")
	private void cpuTables(StringBuilder md) {
		for (String path : List.of("scenarios.capacity.cpu", "scenarios.halfCapacity.cpu", "scenarios.sustained.cpu")) {
			if (!(get(path) instanceof Map<?, ?> cpu)) {
				continue;
			}
			md.append("\nCPU per order, ")
				.append(path.split("\\.")[1])
				.append(" run (")
				.append(cpu.get("orders"))
				.append(" orders):\n\n| Process | CPU ms per order | share of the machine's busy time |\n|---|---|---|\n");
			cpu.forEach((process, value) -> {
				if (value instanceof Map<?, ?> figures) {
					md.append("| ")
						.append(process)
						.append(" | ")
						.append(fmt(figures.get("cpuMsPerOrder")))
						.append(" | ")
						.append(String.format(Locale.ROOT, "%.1f %%",
								100 * ((Number) figures.get("shareOfMachine")).doubleValue()))
						.append(" |\n");
				}
			});
		}
	}

	private static void latencyRow(StringBuilder md, String name, Map<String, Object> latency) {
		if (latency == null) {
			return;
		}
		md.append("| ")
			.append(name)
			.append(" | ")
			.append(latency.get("count"))
			.append(" | ")
			.append(fmt(latency.get("p50")))
			.append(" | ")
			.append(fmt(latency.get("p90")))
			.append(" | ")
			.append(fmt(latency.get("p99")))
			.append(" | ")
			.append(fmt(latency.get("p99.9")))
			.append(" | ")
			.append(fmt(latency.get("max")))
			.append(" |\n");
	}

	@SuppressWarnings("unchecked")
	Object get(String path) {
		Object current = this.root;
		for (String key : path.split("\\.(?!9)")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(key);
		}
		return current;
	}

	double number(String path) {
		Object value = get(path);
		return (value instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

	static String fmt(Object value) {
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number)) {
				return "n/a";
			}
			return String.format(Locale.ROOT, Math.abs(number) >= 100 ? "%,.0f" : "%.2f", number);
		}
		return String.valueOf(value);
	}

}
