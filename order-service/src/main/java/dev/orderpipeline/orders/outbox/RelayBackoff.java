package dev.orderpipeline.orders.outbox;

import java.time.Duration;

/**
 * Exponential back-off between failed batches: a broker that is away is asked less and
 * less often, up to the maximum, and at full speed again after the first success.
 */
final class RelayBackoff {

	private final long initialMillis;

	private final long maxMillis;

	private int failures;

	RelayBackoff(Duration initial, Duration max) {
		this.initialMillis = initial.toMillis();
		this.maxMillis = max.toMillis();
	}

	/** The pause after one more failure. */
	Duration next() {
		this.failures++;
		int doublings = Math.min(this.failures - 1, 20);
		return Duration.ofMillis(Math.min(this.initialMillis << doublings, this.maxMillis));
	}

	void reset() {
		this.failures = 0;
	}

}
