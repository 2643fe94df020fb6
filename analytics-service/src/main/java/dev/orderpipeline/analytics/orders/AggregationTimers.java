package dev.orderpipeline.analytics.orders;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where a batch's time goes in {@link OrderAggregation} ({@code analytics.handler.step}):
 * the ledger upserts scale with the batch, the aggregate upserts also wait for row locks
 * held by concurrent batches until they commit.
 */
record AggregationTimers(Timer placements, Timer cancellations, Timer aggregates) {

	static AggregationTimers register(MeterRegistry meters) {
		return new AggregationTimers(step(meters, "record_placements"), step(meters, "record_cancellations"),
				step(meters, "add_aggregates"));
	}

	private static Timer step(MeterRegistry meters, String step) {
		return Timer.builder("analytics.handler.step")
			.description("Time of one step of the analytics handler for one batch")
			.tag("step", step)
			.register(meters);
	}

}
