package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What one load run saw. Open loop: latencies are from the intended send time. Closed
 * loop: from the actual send time (the clients wait for each answer).
 *
 * @param statuses answers by HTTP status, plus {@code transport} for requests that got
 * none
 * @param okPerSecond successful answers in each second of the run
 * @param failedPerSecond other answers and transport errors in each second of the run
 * @param admitted latency of the answers with the expected status
 * @param refused latency of the 503 answers (refused by admission control)
 * @param timeouts requests the client gave up on (its request timeout)
 */
record LoadResult(String label, int targetRate, int clients, long sent, long ok, long failed, long transportErrors,
		boolean unanswered, double sendSeconds, double achievedOkPerSecond, Histogram latency,
		Map<String, Long> statuses, long[] okPerSecond, long[] failedPerSecond, Histogram admitted, Histogram refused,
		long timeouts) {

	double percentileMillis(double percentile) {
		return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
	}

	/**
	 * The run kept up: nearly every request answered as expected, none left unanswered.
	 */
	boolean keptUp() {
		return !unanswered && ok >= sent * 0.99;
	}

	String summary() {
		return String.format(Locale.ROOT,
				"%-16s %s  ok %7d/%-7d (failed %d, transport errors %d, client timeouts %d%s)  achieved %7.1f ok/s  "
						+ "p50 %6.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms  statuses %s",
				label, targetRate > 0 ? "target " + targetRate + "/s" : clients + " clients", ok, sent, failed,
				transportErrors, timeouts, unanswered ? ", some UNANSWERED" : "", achievedOkPerSecond,
				percentileMillis(50), percentileMillis(99), percentileMillis(99.9), latency.getMaxValue() / 1e6,
				statuses);
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("label", label);
		map.put("mode", targetRate > 0 ? "open loop" : "closed loop");
		map.put("targetRate", targetRate);
		map.put("clients", clients);
		map.put("sent", sent);
		map.put("ok", ok);
		map.put("failed", failed);
		map.put("transportErrors", transportErrors);
		map.put("unanswered", unanswered);
		map.put("sendSeconds", sendSeconds);
		map.put("achievedOkPerSecond", achievedOkPerSecond);
		map.put("latencyMs", Percentiles.of(latency));
		map.put("admittedLatencyMs", Percentiles.of(admitted));
		map.put("refusedLatencyMs", Percentiles.of(refused));
		map.put("refused", refused.getTotalCount());
		map.put("clientTimeouts", timeouts);
		map.put("statuses", statuses);
		map.put("okPerSecond", okPerSecond);
		map.put("failedPerSecond", failedPerSecond);
		return map;
	}

}
