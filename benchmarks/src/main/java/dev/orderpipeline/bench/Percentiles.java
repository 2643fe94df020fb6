package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The percentiles every latency in the report is given with, in milliseconds. */
final class Percentiles {

	static final double[] REPORTED = { 50, 90, 99, 99.9, 100 };

	private Percentiles() {
	}

	static Map<String, Object> of(Histogram histogram) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("count", histogram.getTotalCount());
		if (histogram.getTotalCount() == 0) {
			return map;
		}
		map.put("p50", ms(histogram, 50));
		map.put("p90", ms(histogram, 90));
		map.put("p99", ms(histogram, 99));
		map.put("p99.9", ms(histogram, 99.9));
		map.put("max", histogram.getMaxValue() / 1e6);
		map.put("mean", histogram.getMean() / 1e6);
		return map;
	}

	static double ms(Histogram histogram, double percentile) {
		return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
	}

}
