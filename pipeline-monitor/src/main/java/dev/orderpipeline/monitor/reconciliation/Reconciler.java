package dev.orderpipeline.monitor.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.orderpipeline.checker.CheckOptions;
import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.CheckWindow;
import dev.orderpipeline.checker.InvariantChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the invariant checker for a window, one run at a time (a run reads the topics and
 * every database; two at once would only slow both), and keeps the last result for the
 * status page and the metrics.
 */
public final class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/**
	 * An on-demand request waits this long for a run in progress before it is refused.
	 */
	private static final Duration WAIT_FOR_RUNNING = Duration.ofSeconds(60);

	private final InvariantChecker checker;

	private final CheckOptions options;

	private final ReconciliationMetrics metrics;

	private final Clock clock;

	private final ReentrantLock running = new ReentrantLock();

	private volatile ReconciliationResult last;

	Reconciler(InvariantChecker checker, CheckOptions options, ReconciliationMetrics metrics, Clock clock) {
		this.checker = checker;
		this.options = options;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Checks the window.
	 * @param window the orders covered
	 * @param trigger who asked: {@code scheduled} or {@code on-demand}
	 * @return what the check found
	 * @throws ReconciliationBusyException if another run did not finish in time
	 */
	public ReconciliationResult run(CheckWindow window, String trigger) {
		try {
			if (!this.running.tryLock(WAIT_FOR_RUNNING.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new ReconciliationBusyException(WAIT_FOR_RUNNING);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReconciliationBusyException(WAIT_FOR_RUNNING);
		}
		try {
			CheckReport report = this.checker.check(window, this.options);
			ReconciliationResult result = ReconciliationResult.of(report, trigger);
			this.metrics.record(result, this.clock.instant());
			this.last = result;
			log.info("Reconciliation ({}) of {} .. {}: {} violations, {} missing events, {} pending, {} ms", trigger,
					window.from(), window.to(), result.violations(), result.missingEvents(), result.pending(),
					result.tookMillis());
			return result;
		}
		finally {
			this.running.unlock();
		}
	}

	/** The last completed run, if any. */
	public Optional<ReconciliationResult> last() {
		return Optional.ofNullable(this.last);
	}

}
