package dev.orderpipeline.orders.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay's three ways of waiting: idle (nothing to publish), standing by (another
 * relay leads) and pausing (backing off a failing broker). Every wait is cut into slices
 * shorter than the session timeout, or heartbeats while leading, so the database keeps
 * the session of a relay that is only waiting and ends the one of a relay that froze.
 * Signals ({@link RelaySignals}) end a wait early.
 */
final class RelayWaits {

	private static final Duration NOTIFICATION_CHECK = Duration.ofMillis(10);

	private static final Duration NOTIFY_THROTTLE = Duration.ofMillis(5);

	private final RelaySignals signals;

	private final RelayLeadership leadership;

	private final OutboxProperties.Relay settings;

	RelayWaits(RelaySignals signals, RelayLeadership leadership, OutboxProperties.Relay settings) {
		this.signals = signals;
		this.leadership = leadership;
		this.settings = settings;
	}

	/**
	 * Nothing to do: waits for an in-process nudge, a notification from another
	 * instance's relay, or the poll interval, whichever comes first.
	 */
	void idle() throws SQLException {
		long deadline = System.nanoTime() + this.settings.pollInterval().toNanos();
		while (this.signals.running() && !this.signals.draining() && !this.signals.nudged()
				&& !this.leadership.notified()) {
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
	void standBy() {
		long deadline = System.nanoTime() + this.settings.lockRetryInterval().toNanos();
		while (this.signals.running() && !this.signals.draining()) {
			if (this.signals.takeNudge()) {
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
	void pause(Duration duration) throws SQLException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.signals.goOn()) {
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

}
