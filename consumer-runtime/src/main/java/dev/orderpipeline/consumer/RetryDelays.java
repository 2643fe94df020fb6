package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter for the retry topics. */
final class RetryDelays {

	private final ConsumerProperties.Retry retry;

	RetryDelays(ConsumerProperties.Retry retry) {
		this.retry = retry;
	}

	/**
	 * The nominal delay before a retry.
	 * @param index 0 for the first retry
	 * @return initial * multiplier^index, capped at the maximum
	 */
	Duration nominal(int index) {
		double millis = this.retry.initialInterval().toMillis() * Math.pow(this.retry.multiplier(), index);
		return Duration.ofMillis((long) Math.min(millis, this.retry.maxInterval().toMillis()));
	}

	/**
	 * The delay with jitter: nominal * (1 ± jitter), never above the maximum.
	 * @param index 0 for the first retry
	 * @return the delay
	 */
	Duration jittered(int index) {
		long nominal = nominal(index).toMillis();
		double factor = 1 + this.retry.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
		return Duration.ofMillis(Math.max(0, Math.min((long) (nominal * factor), this.retry.maxInterval().toMillis())));
	}

}
