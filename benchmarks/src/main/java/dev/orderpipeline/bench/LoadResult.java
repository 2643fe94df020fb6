package dev.orderpipeline.bench;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/** What one constant-rate run saw. Latencies are from the intended send time. */
record LoadResult(String label, int targetRate, long sent, long ok, long failed, long transportErrors,
		boolean unanswered, double sendSeconds, double achievedOkPerSecond, Histogram latency) {

	double percentileMillis(double percentile) {
		return latency.getValueAtPercentile(percentile) / 1e6;
	}

	/**
	 * The run kept up: nearly every request answered as expected, none left unanswered.
	 */
	boolean keptUp() {
		return !unanswered && ok >= sent * 0.99;
	}

	String summary() {
		return String.format(Locale.ROOT,
				"%-14s target %5d/s  ok %7d/%-7d (failed %d, transport errors %d%s)  achieved %7.1f ok/s  "
						+ "p50 %6.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms",
				label, targetRate, ok, sent, failed, transportErrors, unanswered ? ", some UNANSWERED" : "",
				achievedOkPerSecond, percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
				latency.getMaxValue() / 1e6);
	}

	String json() {
		return String.format(Locale.ROOT,
				"{\"label\":\"%s\",\"targetRate\":%d,\"sent\":%d,\"ok\":%d,\"failed\":%d,\"transportErrors\":%d,"
						+ "\"unanswered\":%s,\"achievedOkPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f}",
				label, targetRate, sent, ok, failed, transportErrors, unanswered, achievedOkPerSecond,
				percentileMillis(50), percentileMillis(99), percentileMillis(99.9), latency.getMaxValue() / 1e6);
	}

}
