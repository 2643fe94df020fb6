package dev.orderpipeline.checker;

import java.util.List;

/**
 * The outcome of one invariant.
 *
 * @param name a short stable name, e.g. {@code analytics-service: totals}
 * @param description what the invariant states
 * @param checked how many items were checked
 * @param held how many of them held
 * @param pending items not checked because they are still in flight (an outbox row not
 * published yet, an event the group has not consumed yet); after the pipeline settles
 * there are none
 * @param violationCount how many did not hold: {@code checked - held}
 * @param violations the first of them (the list is capped; the count is not)
 */
public record InvariantReport(String name, String description, long checked, long held, long pending,
		long violationCount, List<Violation> violations) {

	public InvariantReport {
		violations = List.copyOf(violations);
	}

	public boolean holds() {
		return this.violationCount == 0;
	}

}
