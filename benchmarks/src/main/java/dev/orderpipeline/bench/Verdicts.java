package dev.orderpipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures against the targets of the design, and the ratios to the baselines. */
final class Verdicts {

	private static final double PUBLISH_P99_MS = 50;

	private static final double APPLY_P99_MS = 100;

	private static final double DRAIN_PER_SECOND = 5000;

	private Verdicts() {
	}

	@SuppressWarnings("unchecked")
	static void judge(Report report, Plan plan) {
		double pgbench = report.number("baselines.pgbench.tps");
		double producer = report.number("baselines.producerPerformance.recordsPerSecond");
		double rawConsumer = report.number("baselines.rawConsumer.recordsPerSecond");
		double highest = report.number("scenarios.placement.highestRateWithinP99Target");
		double ceiling = report.number("scenarios.placement.concurrentClients.achievedOkPerSecond");
		report.ratio("S1 highest rate with p99 ≤ " + fmt(plan.p99TargetMs()) + " ms (orders/s)", highest, pgbench,
				"pgbench tps");
		report.ratio("S1 " + plan.closedLoopClients() + " concurrent clients, achieved (orders/s)", ceiling, pgbench,
				"pgbench tps");
		report.target("placement ≥ 50 % of the raw PostgreSQL rate",
				String.format(Locale.ROOT,
						"ceiling %s orders/s = %s of pgbench %s tps; within the p99 target %s orders/s = %s",
						fmt(ceiling), pct(ceiling, pgbench), fmt(pgbench), fmt(highest), pct(highest, pgbench)),
				known(ceiling, pgbench) ? ceiling >= pgbench / 2 : null,
				"ceiling = the concurrent-clients run (closed loop)");
		Object fixed = report.get("scenarios.placement.fixedRates");
		if (fixed instanceof List<?> runs) {
			for (Object run : runs) {
				Map<String, Object> map = (Map<String, Object>) run;
				if (((Number) map.get("targetRate")).intValue() == 1000) {
					double p99 = ((Number) ((Map<String, Object>) map.get("latencyMs")).get("p99")).doubleValue();
					boolean keptUp = !Boolean.TRUE.equals(map.get("unanswered"))
							&& ((Number) map.get("ok")).longValue() >= ((Number) map.get("sent")).longValue() * 0.99;
					report.target("placement p99 ≤ 25 ms at 1,000 orders/s",
							"p99 " + fmt(p99) + " ms" + (keptUp ? "" : ", not all answered 201"), p99 <= 25 && keptUp,
							"");
				}
			}
		}
		double publishP99 = report.number("scenarios.endToEnd.commitToPublishedMs.p99");
		int e2eRate = plan.endToEndRate();
		report.target("commit → published p99 ≤ 50 ms at 1,000 orders/s",
				"p99 " + fmt(publishP99) + " ms at " + e2eRate + " orders/s",
				Double.isNaN(publishP99) ? null : publishP99 <= PUBLISH_P99_MS && e2eRate >= 1000,
				e2eRate >= 1000 ? "" : "run below 1,000 orders/s: not a verdict");
		Object applied = report.get("scenarios.endToEnd.commitToAppliedMs");
		if (applied instanceof Map<?, ?> byConsumer) {
			StringBuilder measured = new StringBuilder();
			boolean all = true;
			for (Map.Entry<?, ?> entry : byConsumer.entrySet()) {
				Object p99 = ((Map<String, Object>) entry.getValue()).get("p99");
				double value = (p99 instanceof Number number) ? number.doubleValue() : Double.NaN;
				measured.append(entry.getKey()).append(" ").append(fmt(value)).append(" ms; ");
				all &= value <= APPLY_P99_MS;
			}
			report.target("commit → applied by every consumer p99 ≤ 100 ms", measured.toString().trim(),
					all && e2eRate >= 1000,
					e2eRate >= 1000 ? "at " + e2eRate + " orders/s" : "run below 1,000 orders/s");
		}
		double relay = report.number("scenarios.relayDrain.eventsPerSecond");
		report.ratio("S4 relay drain (events/s)", relay, producer, "ProducerPerformance records/s");
		Object drains = report.get("scenarios.consumerDrain");
		if (drains instanceof Map<?, ?> byConsumer) {
			for (Map.Entry<?, ?> entry : byConsumer.entrySet()) {
				Object rate = ((Map<String, Object>) entry.getValue()).get("eventsPerSecond");
				double value = (rate instanceof Number number) ? number.doubleValue() : Double.NaN;
				report.ratio("S5 " + entry.getKey() + " drain (events/s)", value, rawConsumer,
						"raw consumer records/s");
				report.target("backlog drains through " + entry.getKey() + " at ≥ 5,000 events/s",
						fmt(value) + " events/s from " + ((Map<String, Object>) entry.getValue()).get("backlog"),
						Double.isNaN(value) ? null : value >= DRAIN_PER_SECOND, "");
			}
		}
	}

	private static boolean known(double... values) {
		for (double value : values) {
			if (Double.isNaN(value) || value <= 0) {
				return false;
			}
		}
		return true;
	}

	private static String pct(double value, double of) {
		return known(value, of) ? String.format(Locale.ROOT, "%.0f %%", 100 * value / of) : "n/a";
	}

	private static String fmt(double value) {
		return Report.fmt(value);
	}

}
