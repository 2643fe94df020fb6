package dev.orderpipeline.orders.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What this instance's relay is doing, for its health and its gauge: whether it leads,
 * whether rows wait, and when it last got a batch onto Kafka. Written by the relay's
 * thread, read by anyone.
 */
final class RelayProgress {

	private final Clock clock;

	private volatile boolean active;

	private volatile boolean rowsWaiting;

	/** The last publication, or when the relay took the lead if later. */
	private volatile Instant lastProgress;

	private volatile Instant lastPublished;

	RelayProgress(Clock clock) {
		this.clock = clock;
	}

	void leading() {
		this.lastProgress = this.clock.instant();
		this.active = true;
	}

	void standingBy() {
		this.active = false;
		this.rowsWaiting = false;
	}

	void waiting() {
		this.rowsWaiting = true;
	}

	void idle() {
		this.rowsWaiting = false;
		this.lastProgress = this.clock.instant();
	}

	void published() {
		Instant now = this.clock.instant();
		this.lastPublished = now;
		this.lastProgress = now;
	}

	boolean isActive() {
		return this.active;
	}

	boolean rowsWaiting() {
		return this.rowsWaiting;
	}

	/** Null before the first publication of this instance. */
	Instant lastPublished() {
		return this.lastPublished;
	}

	/**
	 * Whether the relay leads, rows wait, and it has published nothing for longer than
	 * the limit.
	 */
	boolean stalled(Duration limit) {
		Instant since = this.lastProgress;
		return this.active && this.rowsWaiting && since != null
				&& Duration.between(since, this.clock.instant()).compareTo(limit) > 0;
	}

}
