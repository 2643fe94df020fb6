package dev.orderpipeline.monitor.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.checker.CheckWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs reconciliation of the last {@code scheduled-window} every {@code interval}. A
 * failed run (a database or the broker down) is logged and leaves
 * {@code reconciliation_last_run_timestamp_seconds} where it was, so the staleness alert
 * tells.
 */
final class ReconciliationSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

	/** The first run comes soon after start, so the status page has a result. */
	private static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(30);

	private final Reconciler reconciler;

	private final Duration interval;

	private final Duration window;

	private final Clock clock;

	private ScheduledExecutorService executor;

	ReconciliationSchedule(Reconciler reconciler, Duration interval, Duration window, Clock clock) {
		this.reconciler = reconciler;
		this.interval = interval;
		this.window = window;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "reconciliation");
			thread.setDaemon(true);
			return thread;
		});
		long first = Math.min(FIRST_RUN_AFTER.toMillis(), this.interval.toMillis());
		this.executor.scheduleWithFixedDelay(this::runOnce, first, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void runOnce() {
		try {
			this.reconciler.run(CheckWindow.last(this.window, this.clock.instant()), "scheduled");
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled reconciliation failed: {}", ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
