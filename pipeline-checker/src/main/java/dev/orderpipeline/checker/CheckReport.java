package dev.orderpipeline.checker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one check found.
 *
 * @param checkedAt when the check started
 * @param took how long it ran
 * @param window the orders it covered
 * @param invariants one report per invariant
 * @param consumers one account per consumer group
 */
public record CheckReport(Instant checkedAt, Duration took, CheckWindow window, List<InvariantReport> invariants,
		List<ConsumerReconciliation> consumers) {

	public CheckReport {
		invariants = List.copyOf(invariants);
		consumers = List.copyOf(consumers);
	}

	/** Whether every invariant held. */
	public boolean holds() {
		return this.invariants.stream().allMatch(InvariantReport::holds);
	}

	public long violations() {
		return this.invariants.stream().mapToLong(InvariantReport::violationCount).sum();
	}

	/** Items still in flight; 0 once the pipeline has settled. */
	public long pending() {
		return this.invariants.stream().mapToLong(InvariantReport::pending).sum();
	}

	public InvariantReport invariant(String name) {
		return this.invariants.stream()
			.filter((report) -> report.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No invariant " + name));
	}

	public ConsumerReconciliation consumer(String group) {
		return this.consumers.stream()
			.filter((account) -> account.group().equals(group))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No consumer group " + group));
	}

}
