package dev.orderpipeline.monitor.reconciliation;

import java.time.Instant;
import java.util.List;

import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.ConsumerReconciliation;
import dev.orderpipeline.checker.InvariantReport;

/**
 * One reconciliation as the API and the status page show it.
 *
 * @param checkedAt when the check started
 * @param tookMillis how long it ran
 * @param trigger {@code scheduled} or {@code on-demand}
 * @param from first instant of the window (orders created from then)
 * @param to first instant no longer in the window
 * @param holds whether every invariant held
 * @param violations the violations of all invariants
 * @param pending items still in flight (not violations; 0 once the pipeline has settled)
 * @param consumers per consumer group: published, applied, dead-lettered, pending and
 * missing events, with the first missing ones
 * @param invariants every invariant with what it checked and the first violations
 */
public record ReconciliationResult(Instant checkedAt, long tookMillis, String trigger, Instant from, Instant to,
		boolean holds, long violations, long pending, List<ConsumerReconciliation> consumers,
		List<InvariantReport> invariants) {

	static ReconciliationResult of(CheckReport report, String trigger) {
		return new ReconciliationResult(report.checkedAt(), report.took().toMillis(), trigger, report.window().from(),
				report.window().to(), report.holds(), report.violations(), report.pending(), report.consumers(),
				report.invariants());
	}

	/** The missing events of all groups, counted. */
	public long missingEvents() {
		return this.consumers.stream().mapToLong(ConsumerReconciliation::missingCount).sum();
	}

}
