package dev.orderpipeline.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Every scenario and the baselines against the running local stack, in one run, with one
 * report: {@code ./bench.sh all [--smoke]} (which starts the stack with its control
 * endpoint). Options: see {@link Plan}, plus {@code --base-url}, {@code --token-url},
 * {@code --tenant}, {@code --out}.
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	/** Exits the JVM itself: the HTTP client's threads would keep it alive. */
	private static void run(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Options options = new Options(args);
		Plan plan = Plan.of(options);
		only = options.get("only", null) != null ? List.of(options.get("only", "").split(",")) : null;
		Report report = new Report();
		List<String> errors = new ArrayList<>();
		String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(Executors.newFixedThreadPool(4))
			.build();
		try (Stack stack = new Stack(options)) {
			stack.awaitUp(stack.orderServiceUrl, Duration.ofMinutes(2));
			if (!stack.hasControl()) {
				throw new IllegalStateException("No control endpoint at " + stack.controlUrl
						+ ": start the stack with ./run-local.sh --control-port=18099 (./bench.sh all does)");
			}
			report.root.put("machine", Machine.describe(stack));
			SimulatedClients clients = SimulatedClients.create(http,
					options.get("token-url", "http://127.0.0.1:8070/dev/token"), plan.clients(),
					options.get("tenant", "bench"));
			Map<String, Object> configuration = new LinkedHashMap<>();
			configuration.put("command", "./bench.sh all " + String.join(" ", args));
			configuration.put("commit", Machine.commit());
			configuration.put("plan", plan.toMap());
			configuration.put("options", options.asMap());
			configuration.put("authentication", clients.usesTokens()
					? "one customer token per simulated client (" + clients.count() + ")"
					: "none (stack without security): customerId in the body, " + clients.count() + " customer ids");
			report.root.put("configuration", configuration);
			Orders orders = new Orders(stack.orderServiceUrl,
					BenchCatalog.ensure(http, stack.orderServiceUrl, 200, clients), clients);
			Scenarios scenarios = new Scenarios(stack, http, orders, plan, report);
			Baselines baselines = new Baselines(stack, Path.of("").toAbsolutePath());
			Map<String, Object> baselineResults = new LinkedHashMap<>();
			Map<String, Object> scenarioResults = new LinkedHashMap<>();
			report.root.put("baselines", baselineResults);
			report.root.put("scenarios", scenarioResults);

			scenarios.warmUp();
			RecordTemplate template = RecordTemplate.capture(stack);
			System.out.printf("Record format copied from a real %s record: %d bytes (payload %d)%n",
					template.eventType(), template.recordSize(), template.payloadSize());
			configuration.put("recordBytes", template.recordSize());
			configuration.put("payloadBytes", template.payloadSize());
			step(errors, "pgbench", stack, plan, () -> {
				System.out.println("\n== Baseline: PostgreSQL (pgbench, the order transaction's shape)");
				baselineResults.put("pgbench", baselines.pgbench(plan.pgbenchSeconds(), plan.pgbenchClients(),
						template.payloadSize(), template.headersJson()));
			});
			step(errors, "producerPerformance", stack, plan, () -> {
				System.out.println("\n== Baseline: Kafka producer (ProducerPerformance, the relay's settings)");
				baselineResults.put("producerPerformance",
						baselines.producerPerformance(plan.producerRecords(), template.recordSize(), 6));
			});
			PlacementScenarios placement = new PlacementScenarios(stack, new OpenLoopLoad(http, orders, 201), plan,
					report);
			step(errors, "capacity", stack, plan, () -> scenarioResults.put("capacity", placement.capacity()));
			// Every later rate is a fraction of the capacity this run measured.
			double measured = report.number("scenarios.capacity.ordersPerSecond");
			int half = (int) Math.max(1, Math.round(
					(Double.isNaN(measured) || measured <= 0) ? options.getInt("capacity", 100) / 2.0 : measured / 2));
			step(errors, "halfCapacity", stack, plan,
					() -> scenarioResults.put("halfCapacity", placement.halfCapacity(half)));
			step(errors, "overload", stack, plan, () -> scenarioResults.put("overload", placement.overload(4 * half)));
			step(errors, "endToEnd", stack, plan, () -> scenarioResults.put("endToEnd", scenarios.endToEnd(half)));
			step(errors, "burst", stack, plan, () -> scenarioResults.put("burst", scenarios.burst()));
			List<Object> relayRuns = new ArrayList<>();
			scenarioResults.put("relayDrain", relayRuns);
			for (int run = 1; run <= plan.relayRuns(); run++) {
				int number = run;
				// The consumers stay stopped from the first run on: the backlogs add up
				// to the consumers' backlog of scenario 5.
				step(errors, "relayDrain", (run == 1) ? stack : null, plan,
						() -> relayRuns.add(scenarios.relayDrain(template, number)));
			}
			step(errors, "rawConsumer", null, plan, () -> {
				System.out.println("\n== Baseline: raw consumer of order-events");
				baselineResults.put("rawConsumer",
						baselines.rawConsumer(Math.max(plan.backlog() * plan.relayRuns(), 100_000)));
			});
			step(errors, "consumerDrain", null, plan,
					() -> scenarioResults.put("consumerDrain", scenarios.consumerDrain()));
			step(errors, "recovery", stack, plan, () -> scenarioResults.put("recovery", scenarios.recovery(half)));
			step(errors, "sustained", stack, plan, () -> scenarioResults.put("sustained", placement.sustained(half)));
			// Whatever failed, the consumer services must be running again for the next
			// run.
			for (Map.Entry<String, String> consumer : Stack.CONSUMERS.entrySet()) {
				step(errors, "restart " + consumer.getKey(), null, plan, () -> {
					stack.control("/services/" + consumer.getKey() + "/start");
					stack.awaitUp(consumer.getValue(), Duration.ofMinutes(3));
				});
			}
			((Map<String, Object>) report.root.get("machine")).put("loadAverageAtEnd", Machine.loadAverage());
			Verdicts.judge(report, plan);
			report.root.put("errors", errors);
			Path directory = Path.of(options.get("out", "bench-results/" + plan.name() + "-" + stamp));
			Path markdown = report.write(directory, stamp);
			System.out.println("\nReport: " + markdown + " (and report.json, *.png next to it)");
			System.out.println(Files.readString(markdown)
				.lines()
				.dropWhile((line) -> !line.startsWith("## Against"))
				.takeWhile((line) -> !line.startsWith("## Baselines"))
				.reduce("", (a, b) -> a + b + "\n"));
		}
		if (!errors.isEmpty()) {
			System.err.println("Failed steps: " + errors);
			System.exit(1);
		}
		System.exit(0);
	}

	/**
	 * With {@code --only=placement,endToEnd,...}: the steps to run (e.g. for profiling
	 * one).
	 */
	private static List<String> only;

	interface Step {

		void run() throws Exception;

	}

	/**
	 * Runs one step, first waiting (given a stack) until the outbox is empty and every
	 * consumer's lag is 0: no scenario or baseline measures what the previous one left
	 * behind. Steps that run with the consumers stopped on purpose pass no stack.
	 */
	private static void step(List<String> errors, String name, Stack quietFirst, Plan plan, Step step) {
		if (only != null && !name.startsWith("restart") && !only.contains(name)) {
			System.out.println("\n(skipping " + name + ": not in --only)");
			return;
		}
		try {
			if (quietFirst != null) {
				quietFirst.awaitQuiet(plan.catchUpTimeoutSeconds());
			}
			step.run();
		}
		catch (Exception ex) {
			System.err.println("Step " + name + " failed: " + ex);
			ex.printStackTrace();
			errors.add(name + ": " + ex);
		}
	}

	/** What the report says about the machine and the versions it ran. */
	static final class Machine {

		private Machine() {
		}

		static Map<String, Object> describe(Stack stack) throws Exception {
			Map<String, Object> machine = new LinkedHashMap<>();
			machine.put("cpu", cpuModel());
			machine.put("cores", Runtime.getRuntime().availableProcessors());
			machine.put("memory", memory());
			machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
					+ System.getProperty("os.arch"));
			machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
			try (Connection connection = stack.database("postgres");
					var rs = connection.createStatement().executeQuery("select version()")) {
				rs.next();
				machine.put("postgresql", rs.getString(1));
			}
			machine.put("postgresqlDurability", new Baselines(stack, Path.of("")).durability());
			machine.put("kafka", "single KRaft broker of the local run (local-infra), clients "
					+ org.apache.kafka.common.utils.AppInfoParser.getVersion());
			machine.put("pgbench", Baselines.firstLine(List.of("pgbench", "--version")));
			machine.put("colocated", "PostgreSQL, Kafka, the five services and this load generator share the machine");
			machine.put("loadAverageAtStart", loadAverage());
			return machine;
		}

		static String loadAverage() {
			try {
				return Files.readString(Path.of("/proc/loadavg")).trim();
			}
			catch (IOException ex) {
				return "unknown";
			}
		}

		static String commit() {
			String head = Baselines.firstLine(List.of("git", "rev-parse", "--short", "HEAD"));
			String dirty = Baselines.firstLine(List.of("git", "status", "--porcelain", "--untracked-files=no"));
			return head + (dirty.isEmpty() ? "" : " (with uncommitted changes)");
		}

		private static String cpuModel() {
			try {
				return Files.readAllLines(Path.of("/proc/cpuinfo"))
					.stream()
					.filter((line) -> line.startsWith("model name"))
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.findFirst()
					.orElse(System.getProperty("os.arch"));
			}
			catch (IOException ex) {
				return System.getProperty("os.arch");
			}
		}

		private static String memory() {
			try {
				return Files.readAllLines(Path.of("/proc/meminfo"))
					.stream()
					.filter((line) -> line.startsWith("MemTotal"))
					.map((line) -> line.replaceAll("\\s+", " "))
					.findFirst()
					.orElse("unknown");
			}
			catch (IOException ex) {
				return "unknown";
			}
		}

	}

}
