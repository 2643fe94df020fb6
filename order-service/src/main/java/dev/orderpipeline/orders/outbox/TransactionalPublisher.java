package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Publishes one batch of outbox rows as one Kafka transaction: readers
 * ({@code read_committed}) see all of its records or none, so no later event can reach
 * them before an earlier one whose record failed. Every relay uses the same
 * {@code transactional.id}, so the producer of a relay that takes over fences the one of
 * the relay it replaces: a relay that wakes from a freeze can no longer commit anything.
 */
final class TransactionalPublisher implements AutoCloseable {

	/** Failures that depend on the row, not on the broker: retrying never helps. */
	private static final Set<Class<? extends Throwable>> UNPUBLISHABLE = Set.of(RecordTooLargeException.class,
			InvalidRecordException.class, SerializationException.class);

	/** Another producer with the same transactional.id has taken over. */
	private static final Set<Class<? extends Throwable>> FENCING = Set.of(ProducerFencedException.class,
			InvalidProducerEpochException.class);

	/** Failures after which this producer must never be used again. */
	private static final Set<Class<? extends Throwable>> FATAL = Set.of(AuthorizationException.class,
			UnsupportedVersionException.class);

	private final Supplier<Producer<String, byte[]>> producers;

	private final String topic;

	private final OutboxTracing tracing;

	private Producer<String, byte[]> producer;

	TransactionalPublisher(Supplier<Producer<String, byte[]>> producers, String topic, OutboxTracing tracing) {
		this.producers = producers;
		this.topic = topic;
		this.tracing = tracing;
	}

	/**
	 * Begins a transaction and sends every row (the first one to fail stops the rest: the
	 * transaction can only abort then).
	 * @param rows the rows, in publication order
	 * @return the open transaction; wait for it with
	 * {@link Transaction#awaitAcknowledgements(Duration)}, end it with
	 * {@link Transaction#commit()}
	 */
	Transaction send(List<OutboxRow> rows) {
		Transaction transaction = new Transaction(rows);
		try {
			if (this.producer == null) {
				this.producer = this.producers.get();
				// Fences any earlier producer with the same transactional.id, and aborts
				// or completes its open transaction before this one begins.
				this.producer.initTransactions();
			}
			this.producer.beginTransaction();
		}
		catch (KafkaException | IllegalStateException ex) {
			// A producer that could not even begin is of no further use (initTransactions
			// timed out, or it was fenced): the next batch starts with a new one.
			transaction.failBeforeSending(ex);
			close();
			return transaction;
		}
		for (int i = 0; i < rows.size() && transaction.cause == null; i++) {
			transaction.send(i);
		}
		return transaction;
	}

	/** Drops the producer (without waiting); the next batch starts with a new one. */
	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ZERO);
			this.producer = null;
		}
	}

	private static boolean isAny(Set<Class<? extends Throwable>> types, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Throwable current = cause;
			if (types.stream().anyMatch((type) -> type.isInstance(current))) {
				return true;
			}
		}
		return false;
	}

	/** How a transaction ended. */
	enum Outcome {

		/** Every record is visible to readers. */
		COMMITTED,
		/**
		 * Nothing is visible; some rows can never be published ({@code unpublishable}).
		 */
		ABORTED,
		/** Nothing is visible; another relay's producer took over: stand down. */
		FENCED

	}

	/** One batch in flight. */
	final class Transaction {

		private final List<OutboxRow> rows;

		private final Throwable[] failures;

		private final CountDownLatch pending;

		private volatile Throwable cause;

		private Transaction(List<OutboxRow> rows) {
			this.rows = rows;
			this.failures = new Throwable[rows.size()];
			this.pending = new CountDownLatch(rows.size());
		}

		private void send(int index) {
			OutboxRow row = this.rows.get(index);
			OutboxTracing.Publication publication = TransactionalPublisher.this.tracing.publish(row,
					TransactionalPublisher.this.topic);
			try {
				TransactionalPublisher.this.producer.send(
						row.toProducerRecord(TransactionalPublisher.this.topic, publication.headers()),
						(metadata, failure) -> {
							publication.end(failure);
							acknowledged(index, failure);
						});
			}
			catch (KafkaException ex) {
				publication.end(ex);
				acknowledged(index, ex);
			}
		}

		private void acknowledged(int index, Throwable failure) {
			if (failure != null) {
				this.failures[index] = failure;
				if (this.cause == null && !(failure instanceof TransactionAbortedException)) {
					this.cause = failure;
				}
			}
			this.pending.countDown();
		}

		private void failBeforeSending(RuntimeException ex) {
			this.cause = ex;
			while (this.pending.getCount() > 0) {
				this.pending.countDown();
			}
		}

		/**
		 * Waits for the broker's answer to every record sent, at most the given time.
		 * @return whether every record sent has its answer (a failed one ends the wait)
		 */
		boolean awaitAcknowledgements(Duration atMost) throws InterruptedException {
			if (this.cause != null) {
				return true;
			}
			return this.pending.await(atMost.toNanos(), TimeUnit.NANOSECONDS) || this.cause != null;
		}

		/** Commits if every record was acknowledged; aborts otherwise. */
		Outcome commit() {
			if (this.cause == null) {
				try {
					TransactionalPublisher.this.producer.commitTransaction();
					return Outcome.COMMITTED;
				}
				catch (KafkaException ex) {
					this.cause = ex;
				}
			}
			return abort();
		}

		private Outcome abort() {
			if (isAny(FENCING, this.cause)) {
				close();
				return Outcome.FENCED;
			}
			if (isAny(FATAL, this.cause)) {
				close();
				return Outcome.ABORTED;
			}
			try {
				if (TransactionalPublisher.this.producer != null) {
					TransactionalPublisher.this.producer.abortTransaction();
				}
			}
			catch (KafkaException ex) {
				// Not even the abort went through (broker away, or fenced meanwhile): a
				// new
				// producer's initTransactions aborts the transaction for us.
				close();
				if (isAny(FENCING, ex)) {
					this.cause = ex;
					return Outcome.FENCED;
				}
			}
			return Outcome.ABORTED;
		}

		/** What made the transaction fail, or {@code null}. */
		Throwable cause() {
			return this.cause;
		}

		/** The rows whose own record the broker will never accept, with the reason. */
		List<Unpublishable> unpublishable() {
			List<Unpublishable> rows = new ArrayList<>();
			for (int i = 0; i < this.failures.length; i++) {
				if (this.failures[i] != null && isAny(UNPUBLISHABLE, this.failures[i])) {
					rows.add(new Unpublishable(this.rows.get(i), this.failures[i]));
				}
			}
			return rows;
		}

		List<OutboxRow> rows() {
			return this.rows;
		}

	}

	/** A row the broker refused for what it is, and why. */
	record Unpublishable(OutboxRow row, Throwable failure) {

	}

}
