package dev.orderpipeline.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's command line. The short mode ({@code --short}, run by {@code ./test.sh})
 * plays a few short rounds; the full mode at least 20 and writes its report under
 * {@code fault-results/}.
 *
 * @param rounds how many rounds
 * @param seed the seed of every random choice: the same seed plays the same faults
 * @param roundLength how long the workload runs in a round (longer when a fault holds
 * longer)
 * @param settleTimeout how long the pipeline may take to recover after a round
 * @param controlUrl the local run's control endpoint
 * @param reportDirectory where the report goes
 */
record SuiteOptions(int rounds, long seed, Duration roundLength, Duration settleTimeout, String controlUrl,
		Path reportDirectory, boolean shortMode) {

	static final String USAGE = """
			Usage: ./fault-suite.sh [--short] [--rounds=N] [--seed=S] [--round-seconds=N] [--kafka-brokers=1|3]
			  --short            3 rounds of 20 s (./test.sh runs this)
			  --rounds=N         rounds to play (default 20)
			  --seed=S           replay the faults of an earlier run (the report and the output print it)
			  --round-seconds=N  workload per round (default 40; a fault that holds longer extends it)
			  --settle-seconds=N how long recovery may take before the round fails (default 300)
			  --report-dir=DIR   where report.md goes (default fault-results/<time>, short: fault-suite/target)
			""";

	static SuiteOptions parse(String[] args, Path defaultReports, Path shortReports) {
		Integer rounds = null;
		Long seed = null;
		Integer roundSeconds = null;
		int settleSeconds = 300;
		String controlUrl = "http://127.0.0.1:18199";
		Path reports = null;
		boolean shortMode = false;
		for (String arg : args) {
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
			if (arg.equals("--short")) {
				shortMode = true;
			}
			else if (arg.startsWith("--rounds=")) {
				rounds = positive("--rounds", value);
			}
			else if (arg.startsWith("--seed=")) {
				seed = Long.parseLong(value);
			}
			else if (arg.startsWith("--round-seconds=")) {
				roundSeconds = positive("--round-seconds", value);
			}
			else if (arg.startsWith("--settle-seconds=")) {
				settleSeconds = positive("--settle-seconds", value);
			}
			else if (arg.startsWith("--control-url=")) {
				controlUrl = value;
			}
			else if (arg.startsWith("--report-dir=")) {
				reports = Path.of(value);
			}
			else {
				throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
			}
		}
		int playedRounds = (rounds != null) ? rounds : (shortMode ? 3 : 20);
		int seconds = (roundSeconds != null) ? roundSeconds : (shortMode ? 20 : 40);
		return new SuiteOptions(playedRounds, (seed != null) ? seed : ThreadLocalRandom.current().nextLong(),
				Duration.ofSeconds(seconds), Duration.ofSeconds(settleSeconds), controlUrl,
				(reports != null) ? reports : (shortMode ? shortReports : defaultReports), shortMode);
	}

	private static int positive(String option, String value) {
		int number = Integer.parseInt(value);
		if (number <= 0) {
			throw new IllegalArgumentException(option + " must be positive, not " + value);
		}
		return number;
	}

}
