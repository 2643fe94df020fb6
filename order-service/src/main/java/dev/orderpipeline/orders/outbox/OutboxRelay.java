package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes committed outbox rows to Kafka, oldest first, one Kafka transaction per
 * batch, and deletes them once the transaction committed. Runs on its own thread
 * ({@link RelayLoop}) with its own database session ({@link RelayLeadership}); request
 * threads only ever {@link #wake()} it, after their commit. Of all running relays (one
 * per instance) exactly one publishes: the one whose session holds the advisory lock.
 * <p>
 * At shutdown it stops after the web server has stopped taking requests and finished
 * those in flight, and first publishes what is left in the outbox, as far as the broker
 * allows and for at most {@code drain-timeout}.
 */
class OutboxRelay implements SmartLifecycle {

	/** Right after the web server's graceful shutdown, before the server stops. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;

	private final String name;

	private final Supplier<RelayLoop> loops;

	private final RelayProgress progress;

	private final Duration drainTimeout;

	private final boolean autoStartup;

	private volatile RelayLoop loop;

	private volatile Thread thread;

	OutboxRelay(String name, Supplier<RelayLoop> loops, RelayProgress progress, Duration drainTimeout,
			boolean autoStartup) {
		this.name = name;
		this.loops = loops;
		this.progress = progress;
		this.drainTimeout = drainTimeout;
		this.autoStartup = autoStartup;
	}

	/** Tells the relay that rows were committed. Cheap; safe from any thread. */
	void wake() {
		RelayLoop current = this.loop;
		if (current != null) {
			current.wake();
		}
	}

	boolean isActive() {
		return this.progress.isActive();
	}

	RelayProgress progress() {
		return this.progress;
	}

	/**
	 * @return the PostgreSQL backend pid of the relay's session, or -1 without one
	 */
	int backendPid() {
		RelayLoop current = this.loop;
		return (current != null) ? current.backendPid() : -1;
	}

	@Override
	public synchronized void start() {
		if (this.loop != null) {
			return;
		}
		RelayLoop started = this.loops.get();
		Thread relayThread = new Thread(started, this.name);
		relayThread.setDaemon(true);
		this.loop = started;
		this.thread = relayThread;
		relayThread.start();
	}

	/** Stops at once, without draining: what is left stays for the next relay. */
	@Override
	public synchronized void stop() {
		RelayLoop current = this.loop;
		if (current == null) {
			return;
		}
		current.stop();
		awaitEnd(Duration.ofSeconds(30));
	}

	/** The application's shutdown: drains, then stops; the callback runs when done. */
	@Override
	public synchronized void stop(Runnable callback) {
		RelayLoop current = this.loop;
		if (current == null) {
			callback.run();
			return;
		}
		current.drain(this.drainTimeout);
		Thread relayThread = this.thread;
		this.loop = null;
		this.thread = null;
		Thread waiter = new Thread(() -> {
			join(relayThread, this.drainTimeout.plusSeconds(10));
			callback.run();
		}, this.name + "-shutdown");
		waiter.setDaemon(true);
		waiter.start();
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void awaitEnd(Duration atMost) {
		join(this.thread, atMost);
		this.loop = null;
		this.thread = null;
	}

	private static void join(Thread thread, Duration atMost) {
		try {
			thread.join(atMost.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
