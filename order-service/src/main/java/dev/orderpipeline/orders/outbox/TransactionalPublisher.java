package dev.orderpipeline.orders.outbox;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes one batch of outbox rows as one Kafka transaction: readers
 * ({@code read_committed}) see all of its records or none, so no later event can reach
 * them before an earlier one whose record failed. Every relay uses the same
 * {@code transactional.id}, so the producer of a relay that takes over fences the one of
 * the relay it replaces: a relay that wakes from a freeze can no longer commit anything.
 * <p>
 * This class owns the producer; a batch in flight is a {@link PublishTransaction}, and
 * what its failures mean is {@link PublishFailures}.
 */
final class TransactionalPublisher implements AutoCloseable {

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
	 * {@link PublishTransaction#awaitAcknowledgements(Duration)}, end it with
	 * {@link PublishTransaction#commit()}
	 */
	PublishTransaction send(List<OutboxRow> rows) {
		PublishTransaction transaction = new PublishTransaction(this, rows);
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
		transaction.sendAll(this.producer, this.topic, this.tracing);
		return transaction;
	}

	/** The producer of the open transaction; {@code null} once closed. */
	Producer<String, byte[]> producer() {
		return this.producer;
	}

	/** Drops the producer (without waiting); the next batch starts with a new one. */
	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ZERO);
			this.producer = null;
		}
	}

}
