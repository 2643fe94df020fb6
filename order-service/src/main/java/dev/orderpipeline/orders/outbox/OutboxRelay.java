package dev.orderpipeline.orders.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes them once the
 * broker has acknowledged them. Runs on its own thread with its own database session;
 * request threads only ever {@link #wake()} it, after their commit. A relay that is not
 * the active one forwards those nudges as a PostgreSQL notification, which the active
 * relay listens for; a fallback poll covers anything else.
 * <p>
 * Of all running relays (one per instance) exactly one is active: the one whose session
 * holds the PostgreSQL advisory lock. The others try to take the lock every
 * {@code lockRetryInterval}; when the active one dies, its session and lock go with it.
 * <p>
 * Per batch: read up to {@code batchSize} unparked rows ordered by id, send them all
 * asynchronously (key = order id, idempotent producer, acks=all), flush, wait for every
 * acknowledgement, then delete the acknowledged rows in one statement. A row the broker
 * can never accept (too large, invalid) is parked with its error. Any other failure
 * leaves the rows in place and backs off exponentially; the next attempt starts again
 * from the oldest row, so nothing is lost and each order's events keep their order. A
 * crash between send and delete publishes rows again with the same {@code ce_id}.
 */
class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	/**
	 * Failures that depend on the row, not on the broker's health: retrying never helps.
	 */
	private static final Set<Class<? extends Throwable>> UNPUBLISHABLE = Set.of(RecordTooLargeException.class,
			InvalidRecordException.class, SerializationException.class);

	private static final Duration NOTIFICATION_CHECK = Duration.ofMillis(10);

	private static final Duration NOTIFY_THROTTLE = Duration.ofMillis(5);

	private final String name;

	private final OutboxStore store;

	private final ConnectionFactory connections;

	private final Supplier<Producer<String, byte[]>> producers;

	private final OutboxMetrics metrics;

	private final OutboxProperties.Relay settings;

	private final String topic;

	private final Runnable ensureTopic;

	private final boolean autoStartup;

	private final OutboxTracing tracing;

	private final AtomicBoolean nudged = new AtomicBoolean();

	private volatile boolean running;

	private volatile boolean active;

	private volatile Thread thread;

	private volatile RelayConnection connection;

	private Producer<String, byte[]> producer;

	private int consecutiveFailures;

	OutboxRelay(String name, OutboxStore store, ConnectionFactory connections,
			Supplier<Producer<String, byte[]>> producers, OutboxMetrics metrics, OutboxProperties.Relay settings,
			String topic, Runnable ensureTopic, boolean autoStartup) {
		this(name, store, connections, producers, metrics, settings, topic, ensureTopic, autoStartup,
				OutboxTracing.NONE);
	}

	OutboxRelay(String name, OutboxStore store, ConnectionFactory connections,
			Supplier<Producer<String, byte[]>> producers, OutboxMetrics metrics, OutboxProperties.Relay settings,
			String topic, Runnable ensureTopic, boolean autoStartup, OutboxTracing tracing) {
		this.tracing = tracing;
		this.name = name;
		this.store = store;
		this.connections = connections;
		this.producers = producers;
		this.metrics = metrics;
		this.settings = settings;
		this.topic = topic;
		this.ensureTopic = ensureTopic;
		this.autoStartup = autoStartup;
	}

	/** Tells the relay that rows were committed. Cheap; safe from any thread. */
	void wake() {
		this.nudged.set(true);
		Thread relayThread = this.thread;
		if (relayThread != null) {
			LockSupport.unpark(relayThread);
		}
	}

	boolean isActive() {
		return this.active;
	}

	/**
	 * @return the PostgreSQL backend pid of the relay's session, or -1 without one
	 */
	int backendPid() {
		RelayConnection current = this.connection;
		return (current != null) ? current.backendPid() : -1;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread relayThread = new Thread(this::run, this.name);
		relayThread.setDaemon(true);
		this.thread = relayThread;
		relayThread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		Thread relayThread = this.thread;
		LockSupport.unpark(relayThread);
		try {
			relayThread.join(this.settings.deliveryTimeout().plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	private void run() {
		try {
			while (this.running) {
				if (!this.active && !becomeActive()) {
					standByFor(this.settings.lockRetryInterval());
					continue;
				}
				try {
					relayOnce();
				}
				catch (SQLException | RuntimeException ex) {
					logger.warn("Outbox relay lost its database session; standing by", ex);
					standBy();
					pause(this.settings.lockRetryInterval());
				}
			}
		}
		finally {
			standBy();
		}
	}

	private boolean becomeActive() {
		try {
			if (this.connection == null) {
				this.connection = this.connections.open();
			}
			if (!this.connection.tryLock()) {
				return false;
			}
			this.connection.listen();
		}
		catch (SQLException ex) {
			logger.debug("Outbox relay cannot reach the database", ex);
			closeConnection();
			return false;
		}
		logger.info("Outbox relay {} is now active", this.name);
		this.consecutiveFailures = 0;
		try {
			this.ensureTopic.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not make sure topic {} exists; publishing anyway", this.topic, ex);
		}
		this.producer = this.producers.get();
		this.active = true;
		return true;
	}

	private void standBy() {
		this.active = false;
		if (this.producer != null) {
			this.producer.close(Duration.ZERO);
			this.producer = null;
		}
		closeConnection();
	}

	private void closeConnection() {
		RelayConnection current = this.connection;
		this.connection = null;
		if (current != null) {
			current.close();
		}
	}

	private void relayOnce() throws SQLException {
		this.nudged.set(false);
		List<OutboxRow> rows = this.store.nextBatch(this.connection.jdbc(), this.settings.batchSize());
		if (rows.isEmpty()) {
			idle();
			return;
		}
		Batch batch = send(rows);
		for (Sent parked : batch.unpublishable) {
			logger.error("Parking outbox row {} (event {}, order {}): the broker will never accept it", parked.row.id(),
					parked.row.eventId(), parked.row.orderId(), parked.failure);
			this.store.park(this.connection.jdbc(), parked.row.id(), parked.failure.toString());
		}
		this.store.deletePublished(this.connection.jdbc(), batch.acknowledged);
		if (batch.transientFailure != null) {
			this.consecutiveFailures++;
			Duration backoff = backoff();
			logger.warn("Outbox relay could not publish {} of {} rows ({}); retrying in {}",
					rows.size() - batch.acknowledged.size() - batch.unpublishable.size(), rows.size(),
					batch.transientFailure.toString(), backoff);
			pause(backoff);
		}
		else {
			this.consecutiveFailures = 0;
		}
	}

	private Batch send(List<OutboxRow> rows) {
		List<Sent> sent = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			Sent one = new Sent(row);
			sent.add(one);
			OutboxTracing.Publication publication = this.tracing.publish(row, this.topic);
			try {
				this.producer.send(row.toProducerRecord(this.topic, publication.headers()), (metadata, failure) -> {
					if (failure == null) {
						this.metrics.published(row.createdAt(), Instant.now());
					}
					publication.end(failure);
					one.complete(failure);
				});
			}
			catch (KafkaException ex) {
				publication.end(ex);
				one.complete(ex);
			}
			if (one.isDone() && one.failure() != null && !unpublishable(one.failure())) {
				// The broker is unreachable (metadata timed out): the rest would each
				// wait
				// max.block.ms for the same answer.
				break;
			}
		}
		this.producer.flush();
		Batch batch = new Batch();
		Set<UUID> ordersWithFailures = new HashSet<>();
		for (Sent one : sent) {
			Throwable failure = one.await(this.settings.deliveryTimeout().plusSeconds(5));
			if (failure == null) {
				batch.acknowledged.add(one.row.id());
				if (ordersWithFailures.contains(one.row.orderId())) {
					// The producer acknowledged a later event of an order whose earlier
					// one
					// failed (a batch expired while the next was delivered). The earlier
					// one
					// will follow it; say so loudly, consumers may drop it as stale.
					this.metrics.outOfOrder();
					logger.error("Event {} of order {} was published before an earlier event of the same order",
							one.row.eventId(), one.row.orderId());
				}
				continue;
			}
			ordersWithFailures.add(one.row.orderId());
			this.metrics.failed(failure);
			if (unpublishable(failure)) {
				one.failure = failure;
				batch.unpublishable.add(one);
			}
			else if (batch.transientFailure == null) {
				batch.transientFailure = failure;
			}
		}
		return batch;
	}

	private static boolean unpublishable(Throwable failure) {
		return UNPUBLISHABLE.stream().anyMatch((type) -> type.isInstance(failure));
	}

	private Duration backoff() {
		long initial = this.settings.initialBackoff().toMillis();
		int doublings = Math.min(this.consecutiveFailures - 1, 20);
		return Duration.ofMillis(Math.min(initial << doublings, this.settings.maxBackoff().toMillis()));
	}

	/**
	 * The active relay with nothing to do: waits for an in-process nudge, a notification
	 * from another instance's relay, or the poll interval, whichever comes first.
	 */
	private void idle() throws SQLException {
		long deadline = System.nanoTime() + this.settings.pollInterval().toNanos();
		while (this.running && !this.nudged.get() && !this.connection.notified()) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			// Short slices: notifications are only seen when the socket is read.
			LockSupport.parkNanos(this, Math.min(remaining, NOTIFICATION_CHECK.toNanos()));
		}
	}

	/**
	 * A standby relay between attempts to take the lock. Commits on this instance still
	 * nudge it; it passes them on to the active relay as a PostgreSQL notification, at
	 * most one per {@link #NOTIFY_THROTTLE}, outside any order transaction (NOTIFY inside
	 * them would serialise their commits).
	 */
	private void standByFor(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.running) {
			if (this.nudged.getAndSet(false) && this.connection != null) {
				try {
					this.connection.notifyActiveRelay();
				}
				catch (SQLException ex) {
					logger.debug("Could not notify the active relay", ex);
					closeConnection();
				}
				LockSupport.parkNanos(this, NOTIFY_THROTTLE.toNanos());
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			LockSupport.parkNanos(this, remaining);
		}
	}

	/** Waits, returning early only when stopped: nudges do not shorten a back-off. */
	private void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.running) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			LockSupport.parkNanos(this, remaining);
		}
	}

	/** Opens the relay's dedicated database session. */
	@FunctionalInterface
	interface ConnectionFactory {

		RelayConnection open() throws SQLException;

	}

	private static final class Batch {

		final List<Long> acknowledged = new ArrayList<>();

		final List<Sent> unpublishable = new ArrayList<>();

		Throwable transientFailure;

	}

	private static final class Sent {

		final OutboxRow row;

		final CompletableFuture<Throwable> result = new CompletableFuture<>();

		Throwable failure;

		Sent(OutboxRow row) {
			this.row = row;
		}

		void complete(Throwable failure) {
			this.result.complete(failure);
		}

		boolean isDone() {
			return this.result.isDone();
		}

		Throwable failure() {
			return this.result.getNow(null);
		}

		Throwable await(Duration timeout) {
			try {
				return this.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ex;
			}
			catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
				return ex;
			}
		}

	}

}
