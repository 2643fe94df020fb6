package dev.orderpipeline.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.checker.InvariantReport;
import dev.orderpipeline.checker.ReportText;

/**
 * The suite's report (Markdown): the command and seed that replay it, a row per round,
 * how often each fault kind was played, every invariant's totals over all rounds, and
 * each violation in full.
 */
final class SuiteReport {

	private SuiteReport() {
	}

	static String markdown(SuiteOptions options, String stack, Instant started, List<RoundResult> rounds,
			int resentEmails) {
		StringBuilder text = new StringBuilder();
		long violations = rounds.stream().mapToLong(RoundResult::violations).sum();
		text.append("# Fault suite: ")
			.append(rounds.size())
			.append(" rounds, ")
			.append(violations)
			.append(" violations\n\n");
		text.append("- Started ")
			.append(started)
			.append(", took ")
			.append(minutes(Duration.between(started, Instant.now())))
			.append('\n');
		text.append("- Seed ")
			.append(options.seed())
			.append("; replay: `./fault-suite.sh --rounds=")
			.append(options.rounds())
			.append(" --round-seconds=")
			.append(options.roundLength().toSeconds())
			.append(" --seed=")
			.append(options.seed())
			.append(options.shortMode() ? " --short" : "")
			.append("`\n");
		text.append("- Stack: ").append(stack).append("\n\n");
		text.append("| Round | Faults | Workload | Invariant checks | Violations | Recovery |\n");
		text.append("|---|---|---|---|---|---|\n");
		for (RoundResult round : rounds) {
			text.append("| ")
				.append(round.round())
				.append(" | ")
				.append(String.join("; ", round.faults()).replace("|", "/"))
				.append(" | ")
				.append(round.workload())
				.append(" | ")
				.append(round.invariantsChecked())
				.append(" | ")
				.append(round.violations())
				.append(" | ")
				.append(round.settled() ? seconds(round.recovery()) : "not settled: " + round.waitingFor())
				.append(" |\n");
		}
		text.append("\n## Fault kinds played\n\n| Fault | Times |\n|---|---|\n");
		Map<FaultKind, Integer> played = new EnumMap<>(FaultKind.class);
		rounds.forEach((round) -> round.kinds().forEach((kind) -> played.merge(kind, 1, Integer::sum)));
		for (FaultKind kind : FaultKind.values()) {
			text.append("| ")
				.append(kind.description())
				.append(" | ")
				.append(played.getOrDefault(kind, 0))
				.append(" |\n");
		}
		text.append("\n## Invariants (last round's check covers every order since the start)\n\n");
		text.append("| Invariant | Checked | Held | Violations in any round |\n|---|---|---|---|\n");
		Map<String, Long> violatedAnywhere = new LinkedHashMap<>();
		rounds.forEach((round) -> round.report()
			.invariants()
			.forEach((invariant) -> violatedAnywhere.merge(invariant.name(), invariant.violationCount(), Long::sum)));
		if (!rounds.isEmpty()) {
			for (InvariantReport invariant : rounds.get(rounds.size() - 1).report().invariants()) {
				text.append("| ")
					.append(invariant.name())
					.append(" | ")
					.append(invariant.checked())
					.append(" | ")
					.append(invariant.held())
					.append(" | ")
					.append(violatedAnywhere.getOrDefault(invariant.name(), 0L))
					.append(" |\n");
			}
		}
		text.append("| every answer a success or a stated refusal | | | ")
			.append(rounds.stream().mapToLong((round) -> round.unexpected().size()).sum())
			.append(" |\n");
		text.append("| every round recovered within the settle limit | | | ")
			.append(rounds.stream().filter((round) -> !round.settled()).count())
			.append(" |\n");
		text.append("\nEmails the mail server received again under the same Message-ID (accepted, then SENT not ")
			.append("written: the SMTP hand-off's at-least-once window, which a receiver closes by the Message-ID): ")
			.append(resentEmails)
			.append(".\n\n");
		List<RoundResult> failed = rounds.stream().filter((round) -> !round.passed()).toList();
		if (!failed.isEmpty()) {
			text.append("\n## Violations\n");
			for (RoundResult round : failed) {
				text.append("\n### Round ").append(round.round()).append("\n\n");
				round.unexpected()
					.forEach((answer) -> text.append("- unexpected answer: ").append(answer).append('\n'));
				if (!round.settled()) {
					text.append("- did not settle: ").append(round.waitingFor()).append('\n');
				}
				text.append("\n```\n").append(ReportText.format(round.report())).append("```\n");
			}
		}
		return text.toString();
	}

	static Path write(Path directory, String markdown) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve("report.md");
		Files.writeString(file, markdown);
		return file;
	}

	static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	private static String minutes(Duration duration) {
		return String.format("%.1f min", duration.toMillis() / 60_000.0);
	}

}
