package dev.orderpipeline.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The six scenarios of the benchmark, each adding its figures and series to the report.
 */
final class Scenarios {

	private final Stack stack;

	private final OpenLoopLoad load;

	private final Plan plan;

	private final Report report;

	Scenarios(Stack stack, HttpClient http, Orders orders, Plan plan, Report report) {
		this.stack = stack;
		this.load = new OpenLoopLoad(http, orders, 201);
		this.plan = plan;
		this.report = report;
	}

	void warmUp() throws InterruptedException {
		System.out
			.println("\n== Warm-up: " + this.plan.warmupRate() + " orders/s for " + this.plan.warmupSeconds() + " s");
		System.out
			.println(this.load.run("warm-up", this.plan.warmupRate(), seconds(this.plan.warmupSeconds())).summary());
	}

	/**
	 * 2. Commit to published and commit to applied by each consumer, at a steady rate.
	 */
	Map<String, Object> endToEnd(int rate) throws Exception {
		System.out.println("\n== Scenario 2: end to end at " + rate + " orders/s (half of capacity)");
		Map<String, Object> result = new LinkedHashMap<>();
		try (EndToEnd tracking = new EndToEnd(this.stack)) {
			LoadResult run = this.load.run("e2e-" + rate, rate, seconds(this.plan.endToEndSeconds()),
					tracking.answers());
			System.out.println(run.summary());
			result.put("load", run.toMap());
			result.put("rate", rate);
			this.report.throughput("S2 " + rate + "/s", run.okPerSecond());
			boolean allPublished = tracking.awaitPublished(Duration.ofSeconds(60));
			Histogram published = tracking.commitToPublished(true);
			Histogram publishedLower = tracking.commitToPublished(false);
			result.put("allPublished", allPublished);
			result.put("commitToPublishedMs", Percentiles.of(published));
			result.put("answerToPublishedMs", Percentiles.of(publishedLower));
			this.report.latency("S2 commit to published", published);
			System.out.printf("Commit to published: %s (from the 201: %s)%n", Percentiles.of(published),
					Percentiles.of(publishedLower));
			try (Sampler lags = lagSampler("e2e-catch-up")) {
				lags.awaitAllAtMost(List.copyOf(Stack.CONSUMERS.keySet()), 0, this.plan.catchUpTimeoutSeconds());
			}
			Map<String, Object> applied = new LinkedHashMap<>();
			Map<String, Object> appliedLower = new LinkedHashMap<>();
			for (String consumer : Stack.CONSUMERS.keySet()) {
				try (Connection connection = this.stack.database(Stack.CONSUMER_DATABASES.get(consumer))) {
					Histogram histogram = tracking.commitToApplied(connection, true);
					applied.put(consumer, Percentiles.of(histogram));
					appliedLower.put(consumer, Percentiles.of(tracking.commitToApplied(connection, false)));
					this.report.latency("S2 commit to applied: " + consumer, histogram);
					System.out.printf("Commit to applied by %s: %s%n", consumer, Percentiles.of(histogram));
				}
			}
			result.put("commitToAppliedMs", applied);
			result.put("answerToAppliedMs", appliedLower);
			result.put("orders", tracking.committedCount());
		}
		return result;
	}

	/**
	 * 3. Many orders in one second: what the API answers, and how long each consumer
	 * takes to catch up.
	 */
	Map<String, Object> burst() throws Exception {
		int orders = this.plan.burstOrders();
		System.out.println("\n== Scenario 3: a burst of " + orders + " orders in one second");
		Map<String, Object> result = new LinkedHashMap<>();
		try (Sampler lags = lagSampler("burst-catch-up")) {
			LoadResult run = this.load.run("burst-" + orders, orders, Duration.ofSeconds(1));
			System.out.println(run.summary());
			settle();
			this.report.latency("S3 burst of " + orders, run.latency());
			result.put("load", run.toMap());
			lags.awaitAllAtMost(List.copyOf(Stack.CONSUMERS.keySet()), 0, this.plan.catchUpTimeoutSeconds());
			Map<String, Object> catchUp = new LinkedHashMap<>();
			for (String consumer : Stack.CONSUMERS.keySet()) {
				Sampler.Series series = lags.series(consumer);
				catchUp.put(consumer, Map.of("peakLag", (long) series.max(), "caughtUpAfterSeconds",
						series.firstAtMost(series.peakAt(), 0)));
				this.report.backlog("S3 lag " + consumer, series);
			}
			result.put("consumerCatchUp", catchUp);
			System.out.println("Catch-up after the burst: " + catchUp);
		}
		return result;
	}

	/**
	 * 4. The relay's drain rate from a backlog written in one transaction (with the
	 * consumers stopped, which leaves the same events as the backlog of scenario 5).
	 */
	Map<String, Object> relayDrain(RecordTemplate template, int run) throws Exception {
		int rows = this.plan.backlog();
		System.out.println("\n== Scenario 4: outbox relay drain from " + rows + " rows (run " + run + ")");
		for (String consumer : Stack.CONSUMERS.keySet()) {
			this.stack.stopService(consumer);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		long insertStarted = System.nanoTime();
		try (Connection connection = this.stack.database("orders")) {
			template.insertBacklog(connection, rows);
		}
		long committed = System.nanoTime();
		result.put("rows", rows);
		result.put("insertSeconds", (committed - insertStarted) / 1e9);
		Map<String, Sampler.Probe> probes = new LinkedHashMap<>();
		// The relay deletes a row once the Kafka transaction holding its event committed.
		// End offsets would over-count: each transaction adds a commit marker.
		probes.put("unpublished", this.stack::outboxRows);
		try (Sampler sampler = new Sampler("relay-drain", probes, 100)) {
			if (!sampler.awaitAllAtMost(List.of("unpublished"), 0, this.plan.catchUpTimeoutSeconds())) {
				throw new IllegalStateException(
						"The relay did not publish the backlog within " + this.plan.catchUpTimeoutSeconds() + " s");
			}
			double seconds = (System.nanoTime() - committed) / 1e9;
			Sampler.Series series = sampler.series("unpublished");
			// From the commit of the backlog to the sample that saw it all published.
			double drainedAt = series.firstAtMost(0, 0);
			result.put("drainSeconds", drainedAt);
			result.put("eventsPerSecond", rows / drainedAt);
			this.report.backlog("S4 outbox backlog (relay), run " + run, series);
			System.out.printf("Relay drained %d rows in %.2f s: %.0f events/s (wall %.2f s)%n", rows, drainedAt,
					rows / drainedAt, seconds);
		}
		return result;
	}

	/** 5. Each consumer's drain rate from the backlog scenario 4 left on the topic. */
	Map<String, Object> consumerDrain() throws Exception {
		System.out.println("\n== Scenario 5: consumer drain from a " + this.plan.backlog() + "-event backlog "
				+ (this.plan.consumersOneByOne() ? "(one consumer at a time)" : "(all consumers together)"));
		Map<String, Object> result = new LinkedHashMap<>();
		List<List<String>> rounds = this.plan.consumersOneByOne()
				? Stack.CONSUMERS.keySet().stream().map(List::of).toList()
				: List.of(List.copyOf(Stack.CONSUMERS.keySet()));
		for (List<String> round : rounds) {
			Map<String, Sampler.Probe> probes = new LinkedHashMap<>();
			Map<String, Long> initial = new LinkedHashMap<>();
			for (String consumer : round) {
				initial.put(consumer, this.stack.lag(consumer));
				probes.put(consumer, () -> this.stack.lag(consumer));
			}
			try (Sampler sampler = new Sampler("drain " + String.join(",", round), probes, 100)) {
				for (String consumer : round) {
					this.stack.control("/services/" + consumer + "/start");
				}
				if (!sampler.awaitAllAtMost(round, 0, this.plan.catchUpTimeoutSeconds())) {
					System.out.println("Not drained within " + this.plan.catchUpTimeoutSeconds() + " s: " + round);
				}
				for (String consumer : round) {
					Sampler.Series series = sampler.series(consumer);
					long backlog = initial.get(consumer);
					// From the first sample that shows progress (the service has started
					// and
					// taken its first batch) to the first that shows no lag.
					double started = Double.NaN;
					long lagThen = backlog;
					for (double[] point : series.points()) {
						if (point[1] < backlog) {
							started = point[0];
							lagThen = (long) point[1];
							break;
						}
					}
					double drained = series.firstAtMost(0, 0);
					Map<String, Object> figures = new LinkedHashMap<>();
					figures.put("backlog", backlog);
					figures.put("firstProgressAfterSeconds", started);
					figures.put("drainedAfterSeconds", drained);
					figures.put("eventsPerSecond", lagThen / (drained - started));
					result.put(consumer, figures);
					this.report.backlog("S5 lag " + consumer, series);
					System.out.printf("%s drained %d events at %.0f events/s%n", consumer, backlog,
							lagThen / (drained - started));
				}
			}
			for (String consumer : round) {
				this.stack.awaitUp(Stack.CONSUMERS.get(consumer), Duration.ofMinutes(3));
			}
		}
		return result;
	}

	/** 6. The broker stopped under steady load, then the time to drain. */
	Map<String, Object> recovery(int rate) throws Exception {
		int total = this.plan.recoveryBeforeSeconds() + this.plan.recoveryOutageSeconds()
				+ this.plan.recoveryAfterSeconds();
		System.out.println("\n== Scenario 6: broker stopped for " + this.plan.recoveryOutageSeconds() + " s under "
				+ rate + " orders/s");
		Map<String, Object> result = new LinkedHashMap<>();
		Map<String, Sampler.Probe> probes = new LinkedHashMap<>();
		probes.put("outbox", this.stack::outboxRows);
		for (String consumer : Stack.CONSUMERS.keySet()) {
			probes.put(consumer, () -> this.stack.lag(consumer));
		}
		try (Sampler sampler = new Sampler("recovery", probes, 500)) {
			CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(() -> {
				try {
					return this.load.run("recovery-" + rate, rate, seconds(total));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			});
			TimeUnit.SECONDS.sleep(this.plan.recoveryBeforeSeconds());
			double stopRequested = sampler.elapsedSeconds();
			this.stack.control("/kafka/stop");
			double stopped = sampler.elapsedSeconds();
			System.out.printf("  Broker stopped (%.1f s to stop)%n", stopped - stopRequested);
			TimeUnit.MILLISECONDS
				.sleep((long) ((this.plan.recoveryOutageSeconds() - (stopped - stopRequested)) * 1000));
			double startRequested = sampler.elapsedSeconds();
			this.stack.control("/kafka/start");
			double started = sampler.elapsedSeconds();
			System.out.printf("  Broker started again (%.1f s to start)%n", started - startRequested);
			LoadResult run = running.get();
			System.out.println(run.summary());
			// Under load the outbox never stays at zero; "drained" is back to less than
			// a tenth of a second's worth of orders.
			long steady = Math.max(10, rate / 10);
			boolean quiet = sampler.awaitAllAtMost(List.copyOf(probes.keySet()), 0, this.plan.catchUpTimeoutSeconds());
			result.put("quietAfterwards", quiet);
			result.put("load", run.toMap());
			result.put("brokerStoppedAtSeconds", stopRequested);
			result.put("brokerDownSeconds", started - stopRequested);
			result.put("brokerStartSeconds", started - startRequested);
			Map<String, Object> drain = new LinkedHashMap<>();
			// A consumer has caught up with the outage only once the relay has published
			// the outbox backlog: before that it merely keeps up with what trickles in.
			double outboxDrained = sampler.series("outbox").firstAtMost(started, steady);
			for (String name : probes.keySet()) {
				Sampler.Series series = sampler.series(name);
				double back = series.firstAtMost(name.equals("outbox") ? started : Math.max(started, outboxDrained),
						steady);
				Map<String, Object> figures = new LinkedHashMap<>();
				figures.put("peak", (long) series.max());
				figures.put("drainedSecondsAfterRestart", back - started);
				drain.put(name, figures);
				this.report.recovery("S6 " + (name.equals("outbox") ? "outbox backlog" : "lag " + name), series);
			}
			result.put("drain", drain);
			result.put("steadyThreshold", steady);
			this.report.recoveryThroughput(run.okPerSecond(), run.failedPerSecond());
			this.report.latency("S6 placement during broker outage", run.latency());
			System.out.println("Recovery: " + drain);
		}
		return result;
	}

	/**
	 * Waits until the order service answers its health check within 100 ms three times in
	 * a row (at most a minute): an overloaded run leaves requests behind in its queue
	 * that would otherwise count against the next run.
	 */
	private void settle() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		int quick = 0;
		while (quick < 3 && System.nanoTime() < deadline) {
			long start = System.nanoTime();
			boolean up = this.stack.answersHealth(Duration.ofSeconds(5));
			quick = (up && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100)) ? quick + 1 : 0;
			Thread.sleep(200);
		}
	}

	private Sampler lagSampler(String label) {
		Map<String, Sampler.Probe> probes = new LinkedHashMap<>();
		for (String consumer : Stack.CONSUMERS.keySet()) {
			probes.put(consumer, () -> this.stack.lag(consumer));
		}
		return new Sampler(label, probes, 250);
	}

	private static Duration seconds(int seconds) {
		return Duration.ofSeconds(seconds);
	}

}
