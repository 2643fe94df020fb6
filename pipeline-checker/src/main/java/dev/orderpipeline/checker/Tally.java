package dev.orderpipeline.checker;

import java.util.ArrayList;
import java.util.List;

/** Counts one invariant's items as they are checked, keeping the first violations. */
final class Tally {

	private final String name;

	private final String description;

	private final int listLimit;

	private final List<Violation> violations = new ArrayList<>();

	private long checked;

	private long held;

	private long pending;

	private long violated;

	Tally(String name, String description, int listLimit) {
		this.name = name;
		this.description = description;
		this.listLimit = listLimit;
	}

	void held() {
		this.checked++;
		this.held++;
	}

	void violated(String id, String detail) {
		this.checked++;
		this.violated++;
		if (this.violations.size() < this.listLimit) {
			this.violations.add(new Violation(id, detail));
		}
	}

	/** Checks one item: held if {@code ok}, otherwise a violation. */
	void check(boolean ok, String id, String detail) {
		if (ok) {
			held();
		}
		else {
			violated(id, detail);
		}
	}

	void pending() {
		this.pending++;
	}

	InvariantReport report() {
		return new InvariantReport(this.name, this.description, this.checked, this.held, this.pending, this.violated,
				this.violations);
	}

}
