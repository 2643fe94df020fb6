package dev.orderpipeline.support.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every service publishes its HTTP server latency as a histogram, so Prometheus can
 * compute percentiles across instances (client-side percentiles cannot be aggregated).
 * The buckets bracket the API's objective (p99 within 25 ms) closely.
 */
@AutoConfiguration
public class HttpLatencyHistogramAutoConfiguration {

	@Bean
	MeterFilter httpServerLatencyHistogram() {
		return new MeterFilter() {
			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				if (!id.getName().equals("http.server.requests")) {
					return config;
				}
				return DistributionStatisticConfig.builder()
					.percentilesHistogram(true)
					.serviceLevelObjectives(millis(5), millis(10), millis(25), millis(50), millis(100), millis(250),
							millis(1000))
					.minimumExpectedValue(millis(1))
					.maximumExpectedValue(millis(10_000))
					.build()
					.merge(config);
			}
		};
	}

	private static double millis(long value) {
		return Duration.ofMillis(value).toNanos();
	}

}
