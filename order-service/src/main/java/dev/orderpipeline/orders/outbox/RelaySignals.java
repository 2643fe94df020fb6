package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What other threads tell the relay's thread: a commit to publish ({@link #wake()}), stop
 * now ({@link #stop()}), or drain within a deadline ({@link #drain(Duration)}). Each
 * signal unparks the relay's thread, so a waiting relay reacts at once instead of at the
 * end of its wait.
 */
final class RelaySignals {

	private final AtomicBoolean nudged = new AtomicBoolean();

	private volatile boolean running = true;

	private volatile long drainDeadline;

	private volatile boolean draining;

	private volatile Thread thread;

	/** Called by the relay's thread when it starts, so signals can unpark it. */
	void runOn(Thread relayThread) {
		this.thread = relayThread;
	}

	void wake() {
		this.nudged.set(true);
		unpark();
	}

	void stop() {
		this.running = false;
		unpark();
	}

	void drain(Duration atMost) {
		this.drainDeadline = System.nanoTime() + atMost.toNanos();
		this.draining = true;
		unpark();
	}

	boolean running() {
		return this.running;
	}

	boolean draining() {
		return this.draining;
	}

	/** Neither stopped nor past the drain deadline. */
	boolean goOn() {
		return this.running && !(this.draining && drainTimeIsUp());
	}

	boolean drainTimeIsUp() {
		return System.nanoTime() - this.drainDeadline >= 0;
	}

	boolean nudged() {
		return this.nudged.get();
	}

	/** Forgets earlier nudges: the batch about to be read includes their rows. */
	void clearNudge() {
		this.nudged.set(false);
	}

	/** Whether a nudge came since the last call. */
	boolean takeNudge() {
		return this.nudged.getAndSet(false);
	}

	private void unpark() {
		Thread current = this.thread;
		if (current != null) {
			LockSupport.unpark(current);
		}
	}

}
