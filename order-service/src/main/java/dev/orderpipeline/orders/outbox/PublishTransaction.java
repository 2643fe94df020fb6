package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * One batch in flight in one Kafka transaction of a {@link TransactionalPublisher}: its
 * records' acknowledgements, the first failure among them, and how the transaction ends.
 * The first real failure is kept as the cause; records the broker aborted only because of
 * it are not.
 */
final class PublishTransaction {

	private final TransactionalPublisher publisher;

	private final List<OutboxRow> rows;

	private final Throwable[] failures;

	private final CountDownLatch pending;

	private volatile Throwable cause;

	PublishTransaction(TransactionalPublisher publisher, List<OutboxRow> rows) {
		this.publisher = publisher;
		this.rows = rows;
		this.failures = new Throwable[rows.size()];
		this.pending = new CountDownLatch(rows.size());
	}

	/** Sends every row; the first one to fail stops the rest. */
	void sendAll(Producer<String, byte[]> producer, String topic, OutboxTracing tracing) {
		for (int i = 0; i < this.rows.size() && this.cause == null; i++) {
			send(producer, topic, tracing, i);
		}
	}

	private void send(Producer<String, byte[]> producer, String topic, OutboxTracing tracing, int index) {
		OutboxRow row = this.rows.get(index);
		OutboxTracing.Publication publication = tracing.publish(row, topic);
		try {
			producer.send(row.toProducerRecord(topic, publication.headers()), (metadata, failure) -> {
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

	void failBeforeSending(RuntimeException ex) {
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
				this.publisher.producer().commitTransaction();
				return Outcome.COMMITTED;
			}
			catch (KafkaException ex) {
				this.cause = ex;
			}
		}
		return abort();
	}

	private Outcome abort() {
		if (PublishFailures.isFencing(this.cause)) {
			this.publisher.close();
			return Outcome.FENCED;
		}
		if (PublishFailures.isFatal(this.cause)) {
			this.publisher.close();
			return Outcome.ABORTED;
		}
		try {
			Producer<String, byte[]> producer = this.publisher.producer();
			if (producer != null) {
				producer.abortTransaction();
			}
		}
		catch (KafkaException ex) {
			// Not even the abort went through (broker away, or fenced meanwhile): a new
			// producer's initTransactions aborts the transaction for us.
			this.publisher.close();
			if (PublishFailures.isFencing(ex)) {
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
			if (this.failures[i] != null && PublishFailures.isUnpublishable(this.failures[i])) {
				rows.add(new Unpublishable(this.rows.get(i), this.failures[i]));
			}
		}
		return rows;
	}

	List<OutboxRow> rows() {
		return this.rows;
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

	/** A row the broker refused for what it is, and why. */
	record Unpublishable(OutboxRow row, Throwable failure) {

	}

}
