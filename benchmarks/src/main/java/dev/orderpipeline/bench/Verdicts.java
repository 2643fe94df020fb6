package dev.orderpipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures against the targets of the design (each a ratio to a baseline of the same
 * run, or a latency at a fraction of the capacity of the same run).
 */
final class Verdicts {

	private Verdicts() {
	}

	static void judge(Report report, Plan plan) {
		double pgbench = report.number("baselines.pgbench.tps");
		double producer = report.number("baselines.producerPerformance.recordsPerSecond");
		double rawConsumer = report.number("baselines.rawConsumer.recordsPerSecond");
		capacity(report, pgbench);
		sustained(report, pgbench, plan);
		halfCapacity(report);
		overload(report);
		endToEnd(report);
		relay(report, producer);
		consumers(report, rawConsumer);
		recovery(report);
	}

	private static void capacity(Report report, double pgbench) {
		double capacity = report.number("scenarios.capacity.ordersPerSecond");
		double many = report.number("scenarios.capacity.manyClients.achievedOkPerSecond");
		report.ratio("S1 capacity, consumers running (orders/s)", capacity, pgbench, "pgbench tps");
		report.ratio("S1 many clients (orders/s)", many, pgbench, "pgbench tps");
		report.target("placement capacity, consumers running ≥ 0.5 × pgbench",
				fmt(capacity) + " orders/s = " + pct(capacity, pgbench) + " of " + fmt(pgbench) + " tps",
				known(capacity, pgbench) ? capacity >= pgbench / 2 : null,
				"closed loop at " + report.get("scenarios.capacity.connections.clients") + " connections");
	}

	private static void sustained(Report report, double pgbench, Plan plan) {
		double rate = report.number("scenarios.sustained.rate");
		Object flat = report.get("scenarios.sustained.flat");
		report.ratio("S7 sustained full pipeline, " + plan.sustainedSeconds() + " s (orders/s)", rate, pgbench,
				"pgbench tps");
		report.target("sustained full pipeline, backlog flat, ≥ 0.35 × pgbench",
				fmt(rate) + " orders/s = " + pct(rate, pgbench) + ", backlog growth "
						+ fmt(report.number("scenarios.sustained.backlogGrowthPerSecond")) + " events/s",
				known(rate, pgbench) && flat != null ? Boolean.TRUE.equals(flat) && rate >= 0.35 * pgbench : null,
				plan.sustainedSeconds() >= 600 ? "" : "shorter than 10 minutes: not a verdict");
	}

	private static void halfCapacity(Report report) {
		double running = report.number("scenarios.halfCapacity.consumersRunning.latencyMs.p99");
		double stopped = report.number("scenarios.halfCapacity.consumersStopped.latencyMs.p99");
		report.target("API p99 at 0.5 × capacity, consumers running ≤ 25 ms and ≤ 1.5 × stopped",
				"p99 " + fmt(running) + " ms running, " + fmt(stopped) + " ms stopped"
						+ keptUp(report, "scenarios.halfCapacity.consumersRunning"),
				known(running, stopped) ? running <= 25 && running <= 1.5 * stopped
						&& isKeptUp(report, "scenarios.halfCapacity.consumersRunning") : null,
				"at " + report.get("scenarios.halfCapacity.rate") + " orders/s");
	}

	private static void overload(Report report) {
		double admitted = report.number("scenarios.overload.load.admittedLatencyMs.p99");
		double refused = report.number("scenarios.overload.load.refusedLatencyMs.p99");
		double timeouts = report.number("scenarios.overload.load.clientTimeouts");
		double errors = report.number("scenarios.overload.load.transportErrors");
		report.target("2 × capacity: admitted p99 ≤ 100 ms, refusals p99 ≤ 10 ms, 0 client timeouts",
				"admitted p99 " + fmt(admitted) + " ms, refused p99 " + fmt(refused) + " ms ("
						+ fmt(report.number("scenarios.overload.load.refused")) + " refused), " + fmt(timeouts)
						+ " timeouts, " + fmt(errors) + " transport errors",
				Double.isNaN(admitted) ? null
						: admitted <= 100 && (Double.isNaN(refused) || refused <= 10) && timeouts == 0 && errors == 0,
				"at " + report.get("scenarios.overload.rate") + " orders/s");
	}

	@SuppressWarnings("unchecked")
	private static void endToEnd(Report report) {
		double published = report.number("scenarios.endToEnd.commitToPublishedMs.p99");
		report.target("commit → published p99 at 0.5 × capacity ≤ 50 ms", "p99 " + fmt(published) + " ms",
				Double.isNaN(published) ? null : published <= 50,
				"at " + report.get("scenarios.endToEnd.rate") + " orders/s");
		Object applied = report.get("scenarios.endToEnd.commitToAppliedMs");
		if (applied instanceof Map<?, ?> byConsumer) {
			StringBuilder measured = new StringBuilder();
			boolean all = !byConsumer.isEmpty();
			for (Map.Entry<?, ?> entry : byConsumer.entrySet()) {
				Object p99 = ((Map<String, Object>) entry.getValue()).get("p99");
				double value = (p99 instanceof Number number) ? number.doubleValue() : Double.NaN;
				measured.append(entry.getKey()).append(" ").append(fmt(value)).append(" ms; ");
				all &= value <= 200;
			}
			report.target("commit → applied by every consumer p99 at 0.5 × capacity ≤ 200 ms",
					measured.toString().trim(), all, "");
		}
	}

	@SuppressWarnings("unchecked")
	private static void relay(Report report, double producer) {
		Object runs = report.get("scenarios.relayDrain");
		if (!(runs instanceof List<?> list) || list.isEmpty()) {
			report.target("relay drain ≥ 0.8 × ProducerPerformance in each run", "no run", null, "");
			return;
		}
		StringBuilder measured = new StringBuilder();
		boolean all = true;
		int run = 0;
		for (Object each : list) {
			run++;
			Object rate = ((Map<String, Object>) each).get("eventsPerSecond");
			double value = (rate instanceof Number number) ? number.doubleValue() : Double.NaN;
			report.ratio("S4 relay drain, run " + run + " (events/s)", value, producer,
					"ProducerPerformance records/s");
			measured.append(fmt(value)).append(" (").append(pct(value, producer)).append("); ");
			all &= known(value, producer) && value >= 0.8 * producer;
		}
		report.target("relay drain ≥ 0.8 × ProducerPerformance in each run", measured.toString().trim(), all,
				list.size() + " run(s)");
	}

	@SuppressWarnings("unchecked")
	private static void consumers(Report report, double rawConsumer) {
		Object drains = report.get("scenarios.consumerDrain");
		if (drains instanceof Map<?, ?> byConsumer) {
			for (Map.Entry<?, ?> entry : byConsumer.entrySet()) {
				Object rate = ((Map<String, Object>) entry.getValue()).get("eventsPerSecond");
				double value = (rate instanceof Number number) ? number.doubleValue() : Double.NaN;
				report.ratio("S5 " + entry.getKey() + " drain (events/s)", value, rawConsumer,
						"raw consumer records/s");
				report.target(entry.getKey() + " drain ≥ 0.1 × raw consumer",
						fmt(value) + " events/s = " + pct(value, rawConsumer),
						known(value, rawConsumer) ? value >= 0.1 * rawConsumer : null, "");
			}
		}
	}

	private static void recovery(Report report) {
		double sent = report.number("scenarios.recovery.load.sent");
		double ok = report.number("scenarios.recovery.load.ok");
		double rate = report.number("scenarios.recovery.load.targetRate");
		double peak = report.number("scenarios.recovery.drain.outbox.peak");
		double drained = report.number("scenarios.recovery.drain.outbox.drainedSecondsAfterRestart");
		double drainRate = (drained > 0) ? peak / drained : Double.NaN;
		Object quiet = report.get("scenarios.recovery.quietAfterwards");
		report.target("broker stopped at 0.5 × capacity: 100 % answered 201, 0 lost, drain ≥ 5 × steady rate",
				fmt(ok) + " of " + fmt(sent) + " answered 201; outbox drained at " + fmt(drainRate)
						+ " events/s after the restart (" + fmt(drainRate / rate) + " × " + fmt(rate) + "/s); "
						+ (Boolean.TRUE.equals(quiet) ? "every consumer caught up" : "NOT every consumer caught up"),
				known(sent, rate) ? ok == sent && Boolean.TRUE.equals(quiet) && drainRate >= 5 * rate : null,
				"lost = still in the outbox or not applied by a consumer when the run settled");
	}

	private static String keptUp(Report report, String path) {
		return isKeptUp(report, path) ? "" : " (not every request answered 201)";
	}

	private static boolean isKeptUp(Report report, String path) {
		return report.number(path + ".ok") >= report.number(path + ".sent") * 0.99
				&& !Boolean.TRUE.equals(report.get(path + ".unanswered"));
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
