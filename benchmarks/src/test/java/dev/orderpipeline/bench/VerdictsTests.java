package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts read the figures a run produced; no timing is measured here. */
class VerdictsTests {

	private final Report report = new Report();

	private final Plan plan = Plan.of(new Options(new String[] { "--smoke" }));

	@Test
	void capacityIsMetAtHalfOfPgbenchAndNotBelow() {
		baselines(1000, 50_000, 100_000);
		scenario("capacity", Map.of("ordersPerSecond", 500.0));
		assertThat(result("placement capacity")).isEqualTo("met");

		Report below = new Report();
		below.root.put("baselines", this.report.root.get("baselines"));
		below.root.put("scenarios", Map.of("capacity", Map.of("ordersPerSecond", 499.0)));
		Verdicts.judge(below, this.plan);
		assertThat(result(below, "placement capacity")).isEqualTo("**not met**");
	}

	@Test
	void overloadFailsOnASingleClientTimeoutEvenWithFastAnswers() {
		baselines(1000, 50_000, 100_000);
		scenario("overload", Map.of("rate", 1000, "load", overload(40.0, 3.0, 1)));
		assertThat(result("2 × capacity")).isEqualTo("**not met**");

		Report clean = new Report();
		clean.root.put("baselines", this.report.root.get("baselines"));
		clean.root.put("scenarios", Map.of("overload", Map.of("rate", 1000, "load", overload(40.0, 3.0, 0))));
		Verdicts.judge(clean, this.plan);
		assertThat(result(clean, "2 × capacity")).isEqualTo("met");
	}

	@Test
	void relayDrainMustReachEightyPercentInEveryRun() {
		baselines(1000, 50_000, 100_000);
		scenario("relayDrain", List.of(Map.of("eventsPerSecond", 45_000.0), Map.of("eventsPerSecond", 39_000.0),
				Map.of("eventsPerSecond", 48_000.0)));
		assertThat(result("relay drain")).isEqualTo("**not met**");
	}

	@Test
	void halfCapacityLatencyIsComparedWithTheRunWithoutConsumers() {
		baselines(1000, 50_000, 100_000);
		Map<String, Object> half = new LinkedHashMap<>();
		half.put("rate", 250);
		half.put("consumersRunning", run(20.0));
		half.put("consumersStopped", run(10.0));
		scenario("halfCapacity", half);
		// 20 ms is under 25 ms but twice the 10 ms without consumers: the consumers did
		// not yield.
		assertThat(result("API p99")).isEqualTo("**not met**");
	}

	private Map<String, Object> overload(double admittedP99, double refusedP99, long timeouts) {
		Map<String, Object> load = new LinkedHashMap<>();
		load.put("admittedLatencyMs", Map.of("p99", admittedP99));
		load.put("refusedLatencyMs", Map.of("p99", refusedP99));
		load.put("refused", 5000L);
		load.put("clientTimeouts", timeouts);
		load.put("transportErrors", timeouts);
		return load;
	}

	private Map<String, Object> run(double p99) {
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("latencyMs", Map.of("p99", p99));
		run.put("sent", 1000L);
		run.put("ok", 1000L);
		run.put("unanswered", false);
		return run;
	}

	private void baselines(double pgbench, double producer, double rawConsumer) {
		this.report.root.put("baselines", Map.of("pgbench", Map.of("tps", pgbench), "producerPerformance",
				Map.of("recordsPerSecond", producer), "rawConsumer", Map.of("recordsPerSecond", rawConsumer)));
	}

	@SuppressWarnings("unchecked")
	private void scenario(String name, Object figures) {
		((Map<String, Object>) this.report.root.computeIfAbsent("scenarios", (key) -> new LinkedHashMap<>())).put(name,
				figures);
		Verdicts.judge(this.report, this.plan);
	}

	private String result(String targetStart) {
		return result(this.report, targetStart);
	}

	private static String result(Report report, String targetStart) {
		return report.targets()
			.stream()
			.filter((row) -> row[0].startsWith(targetStart))
			.map((row) -> row[2])
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no target " + targetStart));
	}

}
