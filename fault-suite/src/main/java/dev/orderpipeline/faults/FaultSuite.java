package dev.orderpipeline.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.orderpipeline.checker.CheckerSources;
import dev.orderpipeline.checker.ConsumerKind;
import dev.orderpipeline.checker.ConsumerStore;
import dev.orderpipeline.checker.InvariantChecker;
import dev.orderpipeline.checker.ReportText;

/**
 * The fault-injection suite against a running local stack ({@code ./fault-suite.sh}
 * starts one with two instances of every service and its control endpoint). Each round
 * runs the workload, plays the round's faults one after another, stops the workload,
 * waits for the pipeline to recover and checks every invariant over everything since the
 * start. Exit code 0: every round held.
 */
public final class FaultSuite {

	static final List<String> PLENTIFUL = List.of("FS-0001", "FS-0002", "FS-0003", "FS-0004", "FS-0005", "FS-0006");

	/** Little stock, so orders compete for it and some are refused with 409. */
	static final long SCARCE_STOCK = 40;

	private FaultSuite() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// The clients warn of every broker that went away: here that is the point.
		System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
		SuiteOptions options;
		try {
			String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
				.withZone(ZoneOffset.UTC)
				.format(Instant.now());
			options = SuiteOptions.parse(args, Path.of("fault-results", stamp),
					Path.of("fault-suite", "target", "fault-results"));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.exit(run(options));
	}

	static int run(SuiteOptions options) throws Exception {
		Instant started = Instant.now();
		StackControl control = new StackControl(options.controlUrl());
		List<StackProcess> processes = control.processes();
		String bootstrap = processes.stream()
			.filter(StackProcess::isBroker)
			.map((broker) -> "127.0.0.1:" + broker.port())
			.collect(Collectors.joining(","));
		int postgres = control.process("postgres").port();
		OrderClient client = new OrderClient("http://127.0.0.1:" + control.process("auth").port(), 24);
		MailServer mail = new MailServer("http://127.0.0.1:" + control.process("smtp").port());
		LiveOrderServices live = new LiveOrderServices(
				processes.stream().filter((process) -> process.service().equals("order-service")).toList());
		String stack = describe(processes);
		say("seed " + options.seed() + ", " + options.rounds() + " rounds of " + options.roundLength().toSeconds()
				+ " s; stack: " + stack);
		String anyOrderService = live.baseUrls().get(0);
		for (String sku : PLENTIFUL) {
			client.stock(anyOrderService, sku, 1_000_000_000L);
		}
		Random random = new Random(options.seed());
		List<List<FaultKind>> plan = FaultPlan.deal(options.rounds(), random);
		List<RoundResult> results = new ArrayList<>();
		InvariantChecker checker = new InvariantChecker(sources(postgres, bootstrap));
		int resent = 0;
		try (OutsideProducer outside = new OutsideProducer(bootstrap);
				Recovery recovery = new Recovery(control, client, dataSource(postgres, "orders"),
						List.of("notification-service", "analytics-service", "search-projection-service"), checker,
						mail, bootstrap, FaultSuite::say)) {
			FaultInjector injector = new FaultInjector(control, client, outside, live, FaultSuite::say);
			for (int round = 1; round <= options.rounds(); round++) {
				RoundResult result = playRound(round, plan.get(round - 1), options, client, live, injector, recovery,
						random, started);
				results.add(result);
				say("round %d: %s | %s | %d violation(s) | %s".formatted(round, String.join("; ", result.faults()),
						result.workload(), result.violations(),
						result.settled() ? "recovered in " + SuiteReport.seconds(result.recovery())
								: "not settled: " + result.waitingFor()));
				if (!result.passed()) {
					result.unexpected().forEach((answer) -> say("  unexpected: " + answer));
					System.out.print(ReportText.format(result.report()));
				}
				SuiteReport.write(options.reportDirectory(),
						SuiteReport.markdown(options, stack, started, results, recovery.lastMail().resent()));
			}
			resent = recovery.lastMail().resent();
		}
		Path report = SuiteReport.write(options.reportDirectory(),
				SuiteReport.markdown(options, stack, started, results, resent));
		long violations = results.stream().mapToLong(RoundResult::violations).sum();
		say(results.size() + " rounds, " + violations + " violation(s); report: " + report + " (seed " + options.seed()
				+ ")");
		return (violations == 0) ? 0 : 1;
	}

	private static RoundResult playRound(int round, List<FaultKind> kinds, SuiteOptions options, OrderClient client,
			LiveOrderServices live, FaultInjector injector, Recovery recovery, Random random, Instant runStarted)
			throws InterruptedException {
		String scarce = "FS-SCARCE-" + runStarted.getEpochSecond() + "-" + round;
		client.stock(live.baseUrls().get(0), scarce, SCARCE_STOCK);
		Workload workload = new Workload(client, live::baseUrls, PLENTIFUL, scarce, new Random(random.nextLong()));
		Instant roundStarted = Instant.now();
		workload.start();
		List<String> faults = new ArrayList<>();
		List<String> unexpected = new ArrayList<>();
		for (FaultKind kind : kinds) {
			FaultInjector.sleep(Duration.ofSeconds(2 + random.nextInt(4)));
			say("round " + round + ": " + kind.description() + " ...");
			try {
				faults.add(injector.play(kind, random));
			}
			catch (RuntimeException ex) {
				faults.add(kind.description() + " (failed)");
				unexpected.add("injecting " + kind + " failed: " + ex.getMessage());
			}
		}
		Duration left = options.roundLength().minus(Duration.between(roundStarted, Instant.now()));
		FaultInjector.sleep(left.compareTo(Duration.ofSeconds(3)) > 0 ? left : Duration.ofSeconds(3));
		workload.stop();
		unexpected.addAll(workload.unexpected);
		Recovery.Outcome outcome = recovery.await(options.settleTimeout());
		return new RoundResult(round, kinds, faults, workload.summary(), unexpected, outcome.report(), outcome.took(),
				outcome.settled(), outcome.waitingFor());
	}

	private static CheckerSources sources(int postgres, String bootstrap) {
		return new CheckerSources(dataSource(postgres, "orders"), java.util.Map.of("bootstrap.servers", bootstrap),
				OutsideProducer.TOPIC,
				List.of(new ConsumerStore("notification-service", ConsumerKind.NOTIFICATION,
						dataSource(postgres, "notifications")),
						new ConsumerStore("analytics-service", ConsumerKind.ANALYTICS,
								dataSource(postgres, "analytics")),
						new ConsumerStore("search-projection-service", ConsumerKind.SEARCH,
								dataSource(postgres, "search"))));
	}

	private static DataSource dataSource(int port, String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
		dataSource.setUser("postgres");
		dataSource.setPassword("postgres");
		return dataSource;
	}

	private static String describe(List<StackProcess> processes) {
		long brokers = processes.stream().filter(StackProcess::isBroker).count();
		List<String> services = processes.stream().filter(StackProcess::isService).map(StackProcess::label).toList();
		return brokers + " broker(s), " + String.join(", ", services);
	}

	static void say(String message) {
		System.out.println("[faults] " + message);
	}

}
