package dev.orderpipeline.support.admission;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

/**
 * Netflix's {@link SimpleLimiter} (fixed or adaptive limit) with a short bounded wait in
 * front of it: a request that finds every slot taken may wait up to {@code maxWait} for
 * one, if fewer than {@code queueSize} are already waiting; otherwise it is refused at
 * once. A slot freed wakes one waiter, so waiting costs no polling.
 */
class AdmissionGate {

	enum Refusal {

		/** The wait queue was full: refused without waiting. */
		QUEUE_FULL("queue_full"),
		/** No slot came free within the wait budget. */
		WAIT_TIMEOUT("wait_timeout");

		private final String tag;

		Refusal(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

	private final SimpleLimiter<Void> limiter;

	private final int queueSize;

	private final long maxWaitNanos;

	private final AtomicInteger waiting = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition released = this.lock.newCondition();

	AdmissionGate(AdmissionProperties properties) {
		this.limiter = SimpleLimiter.newBuilder().named("http").limit(limitOf(properties)).build();
		this.queueSize = properties.queueSize();
		this.maxWaitNanos = properties.maxWait().toNanos();
	}

	private static Limit limitOf(AdmissionProperties properties) {
		return switch (properties.algorithm()) {
			case FIXED -> FixedLimit.of(properties.limit());
			case GRADIENT2 -> Gradient2Limit.newBuilder()
				.initialLimit(properties.limit())
				.minLimit(properties.minLimit())
				.maxConcurrency(properties.maxLimit())
				.build();
		};
	}

	/**
	 * A slot, or why there is none. Only the caller that got a slot must release it
	 * through the returned {@link Slot}.
	 */
	Admission acquire() throws InterruptedException {
		Optional<Limiter.Listener> listener = this.limiter.acquire(null);
		if (listener.isPresent()) {
			return new Admission(new Slot(listener.get()), null, 0);
		}
		if (this.waiting.incrementAndGet() > this.queueSize) {
			this.waiting.decrementAndGet();
			return new Admission(null, Refusal.QUEUE_FULL, 0);
		}
		long start = System.nanoTime();
		try {
			return waitForSlot(start);
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	private Admission waitForSlot(long start) throws InterruptedException {
		long remaining = this.maxWaitNanos;
		this.lock.lock();
		try {
			while (true) {
				Optional<Limiter.Listener> listener = this.limiter.acquire(null);
				if (listener.isPresent()) {
					return new Admission(new Slot(listener.get()), null, System.nanoTime() - start);
				}
				if (remaining <= 0) {
					return new Admission(null, Refusal.WAIT_TIMEOUT, System.nanoTime() - start);
				}
				remaining = this.released.awaitNanos(remaining);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	int limit() {
		return this.limiter.getLimit();
	}

	int inFlight() {
		return this.limiter.getInflight();
	}

	int waiting() {
		return Math.max(0, this.waiting.get());
	}

	private void wakeOneWaiter() {
		if (this.waiting.get() > 0) {
			this.lock.lock();
			try {
				this.released.signal();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * @param slot the slot taken, or null when refused
	 * @param refusal why it was refused, or null when admitted
	 * @param waitedNanos how long the request waited for a slot
	 */
	record Admission(Slot slot, Refusal refusal, long waitedNanos) {

	}

	/** A taken slot; its outcome feeds the adaptive limit. */
	final class Slot {

		private final Limiter.Listener listener;

		private Slot(Limiter.Listener listener) {
			this.listener = listener;
		}

		/** The request was served: its latency counts towards the limit. */
		void succeeded() {
			this.listener.onSuccess();
			wakeOneWaiter();
		}

		/**
		 * The request failed for its own reasons: its latency says nothing about load.
		 */
		void ignored() {
			this.listener.onIgnore();
			wakeOneWaiter();
		}

	}

}
