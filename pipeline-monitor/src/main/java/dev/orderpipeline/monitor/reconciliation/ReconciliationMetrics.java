package dev.orderpipeline.monitor.reconciliation;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.orderpipeline.checker.ConsumerReconciliation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the last reconciliation found, for Prometheus:
 * {@code reconciliation_missing_events{group}} (events a group moved past without
 * applying or dead-lettering them), {@code reconciliation_violations} (of every
 * invariant), {@code reconciliation_last_run_timestamp_seconds} (when the last run
 * completed: an alert fires when it gets old) and
 * {@code reconciliation_redeliveries_total{group}}. Tags are group ids only, a handful.
 */
final class ReconciliationMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> missing = new ConcurrentHashMap<>();

	private final AtomicLong violations = new AtomicLong();

	private final AtomicLong lastRunSeconds = new AtomicLong();

	ReconciliationMetrics(MeterRegistry registry, Collection<String> groups) {
		this.registry = registry;
		groups.forEach(this::missingOf);
		Gauge.builder("reconciliation.violations", this.violations, AtomicLong::get)
			.description("Violations of every invariant found by the last reconciliation")
			.register(registry);
		// 0 until the first run: the staleness alert fires if none ever completes.
		Gauge.builder("reconciliation.last.run.timestamp", this.lastRunSeconds, AtomicLong::get)
			.baseUnit("seconds")
			.description("When the last reconciliation completed (Unix time)")
			.register(registry);
	}

	void record(ReconciliationResult result, Instant completedAt) {
		for (ConsumerReconciliation consumer : result.consumers()) {
			missingOf(consumer.group()).set(consumer.missingCount());
		}
		this.violations.set(result.violations());
		this.lastRunSeconds.set(completedAt.getEpochSecond());
	}

	void redelivered(String group) {
		Counter.builder("reconciliation.redeliveries")
			.description("Missing events re-delivered to a group's retry path by an operator")
			.tag("group", group)
			.register(this.registry)
			.increment();
	}

	private AtomicLong missingOf(String group) {
		return this.missing.computeIfAbsent(group, (g) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("reconciliation.missing.events", value, AtomicLong::get)
				.description("Events the group committed past without applying or dead-lettering them, "
						+ "found by the last reconciliation")
				.tag("group", g)
				.register(this.registry);
			return value;
		});
	}

}
