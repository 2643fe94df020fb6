package dev.orderpipeline.orders.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's thread: stands by until it leads, then publishes batch after batch, idles
 * when nothing waits, backs off when the broker fails, and stands down when it loses its
 * session or is fenced. Every wait between two statements is shorter than the session
 * timeout, or is cut into heartbeats, so the database keeps the session of a relay that
 * is only waiting and ends the one of a relay that froze.
 */
final class RelayLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(RelayLoop.class);

	private static final Duration NOTIFICATION_CHECK = Duration.ofMillis(10);

	private static final Duration NOTIFY_THROTTLE = Duration.ofMillis(5);

	private final String name;

	private final RelayLeadership leadership;

	private final BatchPipeline pipeline;

	private final TransactionalPublisher publisher;

	private final RelayProgress progress;

	private final OutboxProperties.Relay settings;

	private final Runnable ensureTopic;

	private final AtomicBoolean nudged = new AtomicBoolean();

	private final Backoff backoff;

	private volatile boolean running = true;

	private volatile long drainDeadline;

	private volatile boolean draining;

	private volatile Thread thread;

	RelayLoop(String name, RelayLeadership leadership, BatchPipeline pipeline, TransactionalPublisher publisher,
			RelayProgress progress, OutboxProperties.Relay settings, Runnable ensureTopic) {
		this.name = name;
		this.leadership = leadership;
		this.pipeline = pipeline;
		this.publisher = publisher;
		this.progress = progress;
		this.settings = settings;
		this.ensureTopic = ensureTopic;
		this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
	}

	void wake() {
		this.nudged.set(true);
		unpark();
	}

	/** Ends the loop soon, without publishing what is left. */
	void stop() {
		this.running = false;
		unpark();
	}

	/**
	 * Publishes what is left, as far as the broker allows and for at most the given time,
	 * then ends the loop. A standby relay ends at once.
	 */
	void drain(Duration atMost) {
		this.drainDeadline = System.nanoTime() + atMost.toNanos();
		this.draining = true;
		unpark();
	}

	int backendPid() {
		return this.leadership.backendPid();
	}

	@Override
	public void run() {
		this.thread = Thread.currentThread();
		try {
			while (this.running && !(this.draining && drainTimeIsUp())) {
				if (!this.leadership.isLeading()) {
					if (this.draining) {
						return;
					}
					if (!this.leadership.tryToLead()) {
						standBy(this.settings.lockRetryInterval());
						continue;
					}
					lead();
				}
				try {
					if (!publishNext()) {
						return;
					}
				}
				catch (SQLException | RuntimeException ex) {
					logger.warn("Outbox relay {} lost its database session; standing by", this.name, ex);
					standDown();
					standBy(this.settings.lockRetryInterval());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (this.draining && drainTimeIsUp() && this.leadership.isLeading()) {
				logger.warn("Outbox relay {} stops at its drain timeout with rows left; the next relay publishes them",
						this.name);
			}
			finish();
		}
	}

	/**
	 * @return whether to go on
	 */
	private boolean publishNext() throws SQLException, InterruptedException {
		this.nudged.set(false);
		switch (this.pipeline.next()) {
			case IDLE -> {
				if (this.draining) {
					logger.info("Outbox relay {} published everything before stopping", this.name);
					return false;
				}
				idle();
			}
			case PUBLISHED -> this.backoff.reset();
			case PARKED -> {
				// the rest of the batch goes at once
			}
			case FAILED -> {
				// While draining too: a broker that fails for a moment (a restart, a
				// leader election) still gets the rows before the drain timeout.
				Duration pause = this.backoff.next();
				logger.warn("Outbox relay {} could not publish a batch ({}); retrying in {}{}", this.name,
						this.pipeline.lastFailure().toString(), pause, this.draining ? " until the drain timeout" : "");
				pause(pause);
			}
			case FENCED -> standDown();
		}
		return true;
	}

	private void lead() {
		logger.info("Outbox relay {} is now active", this.name);
		this.pipeline.reset();
		this.backoff.reset();
		try {
			this.ensureTopic.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not make sure the topic exists; publishing anyway", ex);
		}
		this.progress.leading();
	}

	private void standDown() {
		this.progress.standingBy();
		this.pipeline.reset();
		this.publisher.close();
		this.leadership.resign();
	}

	/** Deletes what the last transaction published, so a successor does not repeat it. */
	private void finish() {
		if (this.leadership.isLeading()) {
			try {
				this.pipeline.finish();
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not delete the last published rows; the next relay publishes them again", ex);
			}
		}
		standDown();
	}

	/**
	 * Nothing to do: waits for an in-process nudge, a notification from another
	 * instance's relay, or the poll interval, whichever comes first.
	 */
	private void idle() throws SQLException {
		long deadline = System.nanoTime() + this.settings.pollInterval().toNanos();
		while (this.running && !this.draining && !this.nudged.get() && !this.leadership.notified()) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			// Short slices: notifications are only seen when the socket is read.
			LockSupport.parkNanos(this, Math.min(remaining, NOTIFICATION_CHECK.toNanos()));
		}
	}

	/**
	 * Between attempts to take the lead. Commits on this instance still nudge the relay;
	 * it passes them on to the leader, at most one per {@link #NOTIFY_THROTTLE}.
	 */
	private void standBy(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.running && !this.draining) {
			if (this.nudged.getAndSet(false)) {
				this.leadership.nudgeLeader();
				LockSupport.parkNanos(this, NOTIFY_THROTTLE.toNanos());
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			LockSupport.parkNanos(this, remaining);
		}
	}

	/** Waits, with heartbeats while leading; only stopping ends it early. */
	private void pause(Duration duration) throws SQLException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.running && !(this.draining && drainTimeIsUp())) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			LockSupport.parkNanos(this, Math.min(remaining, this.settings.heartbeatInterval().toNanos()));
			if (this.leadership.isLeading()) {
				this.leadership.heartbeat();
			}
		}
	}

	private boolean drainTimeIsUp() {
		return System.nanoTime() - this.drainDeadline >= 0;
	}

	private void unpark() {
		Thread current = this.thread;
		if (current != null) {
			LockSupport.unpark(current);
		}
	}

	/** Exponential back-off between failed batches. */
	private static final class Backoff {

		private final long initialMillis;

		private final long maxMillis;

		private int failures;

		Backoff(Duration initial, Duration max) {
			this.initialMillis = initial.toMillis();
			this.maxMillis = max.toMillis();
		}

		Duration next() {
			this.failures++;
			int doublings = Math.min(this.failures - 1, 20);
			return Duration.ofMillis(Math.min(this.initialMillis << doublings, this.maxMillis));
		}

		void reset() {
			this.failures = 0;
		}

	}

}
