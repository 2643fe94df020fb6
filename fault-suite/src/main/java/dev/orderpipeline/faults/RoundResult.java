package dev.orderpipeline.faults;

import java.time.Duration;
import java.util.List;

import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.InvariantReport;

/**
 * One round: the faults played, what the workload saw, and the checker's verdict after
 * recovery.
 *
 * @param faults what was done, one line per fault
 * @param workload the workload's counts
 * @param unexpected answers that were neither a success nor a stated refusal
 * @param report the checker's report once the pipeline settled (or when recovery gave up)
 * @param recovery from the last fault healed and the workload stopped to settled
 * @param settled whether the pipeline settled within the limit
 * @param waitingFor what recovery still waited for when it gave up
 */
record RoundResult(int round, List<FaultKind> kinds, List<String> faults, String workload, List<String> unexpected,
		CheckReport report, Duration recovery, boolean settled, String waitingFor) {

	RoundResult {
		kinds = List.copyOf(kinds);
		faults = List.copyOf(faults);
		unexpected = List.copyOf(unexpected);
	}

	long violations() {
		return this.report.violations() + this.unexpected.size() + (this.settled ? 0 : 1);
	}

	long invariantsChecked() {
		return this.report.invariants().stream().mapToLong(InvariantReport::checked).sum();
	}

	boolean passed() {
		return violations() == 0;
	}

}
