package dev.orderpipeline.checker.cli;

import java.io.PrintStream;

import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.InvariantChecker;
import dev.orderpipeline.checker.ReportText;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checker on the command line. Exit code 0: every invariant holds; 1: a violation; 2:
 * wrong arguments or a store could not be read; 3 (with {@code --require-settled}):
 * everything holds but some items are still in flight.
 */
public final class CheckerMain {

	private CheckerMain() {
	}

	public static void main(String[] args) {
		// The Kafka clients log their whole configuration at INFO; only problems matter
		// here.
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		CheckerArguments arguments;
		try {
			arguments = CheckerArguments.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 2;
		}
		if (arguments.help()) {
			out.println(CheckerArguments.USAGE);
			return 0;
		}
		CheckReport report;
		try {
			report = new InvariantChecker(arguments.sources()).check(arguments.window(), arguments.options());
		}
		catch (RuntimeException ex) {
			err.println("The check could not run: " + ex.getMessage());
			return 2;
		}
		if (arguments.json()) {
			out.println(
					JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
		}
		else {
			out.print(ReportText.format(report));
		}
		if (!report.holds()) {
			return 1;
		}
		return (arguments.requireSettled() && report.pending() > 0) ? 3 : 0;
	}

}
