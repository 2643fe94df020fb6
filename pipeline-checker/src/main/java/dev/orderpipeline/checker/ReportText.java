package dev.orderpipeline.checker;

import java.util.Locale;

/** A check report as text for a terminal or a log. */
public final class ReportText {

	private ReportText() {
	}

	public static String format(CheckReport report) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "Invariant check of %s .. %s at %s (took %d ms)%n",
				report.window().isEverything() ? "everything" : report.window().from(),
				report.window().isEverything() ? "now" : report.window().to(), report.checkedAt(),
				report.took().toMillis()));
		text.append(String.format(Locale.ROOT, "%-60s %9s %9s %9s %9s  %s%n", "invariant", "checked", "held", "pending",
				"violated", "verdict"));
		for (InvariantReport invariant : report.invariants()) {
			text.append(String.format(Locale.ROOT, "%-60s %9d %9d %9d %9d  %s%n", invariant.name(), invariant.checked(),
					invariant.held(), invariant.pending(), invariant.violationCount(),
					invariant.holds() ? "holds" : "VIOLATED"));
			for (Violation violation : invariant.violations()) {
				text.append("    ").append(violation.id()).append(": ").append(violation.detail()).append('\n');
			}
			if (invariant.violations().size() < invariant.violationCount()) {
				text.append(String.format(Locale.ROOT, "    ... and %d more%n",
						invariant.violationCount() - invariant.violations().size()));
			}
		}
		text.append('\n');
		for (ConsumerReconciliation consumer : report.consumers()) {
			text.append(String.format(Locale.ROOT,
					"%s: published %d, applied %d, dead-lettered %d, pending %d, purged from the inbox %d, missing %d%n",
					consumer.group(), consumer.published(), consumer.applied(), consumer.deadLettered(),
					consumer.pending(), consumer.purged(), consumer.missingCount()));
			for (MissingEvent missing : consumer.missing()) {
				text.append(String.format(Locale.ROOT, "    missing %s %s of order %s at partition %d offset %d%n",
						missing.eventId(), missing.type(), missing.subject(), missing.partition(), missing.offset()));
			}
		}
		text.append(report.holds() ? "All invariants hold" : report.violations() + " violation(s)");
		text.append((report.pending() > 0) ? "; " + report.pending() + " item(s) still in flight\n" : "\n");
		return text.toString();
	}

}
