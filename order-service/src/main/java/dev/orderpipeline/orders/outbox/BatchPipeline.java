package dev.orderpipeline.orders.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active relay's work, one batch per {@link #next()}: read the oldest rows, publish
 * them in one transaction, delete them once it committed. The database and the broker
 * work side by side: while a transaction is in flight, one statement deletes the rows the
 * previous transaction published and reads the batch after this one. If the transaction
 * does not commit, that read-ahead is thrown away and the next batch starts again from
 * the oldest row, so nothing is skipped and nothing overtakes.
 */
final class BatchPipeline {

	private static final Logger logger = LoggerFactory.getLogger(BatchPipeline.class);

	private final OutboxStore store;

	private final RelayLeadership leadership;

	private final TransactionalPublisher publisher;

	private final OutboxMetrics metrics;

	private final RelayProgress progress;

	private final int batchSize;

	private final Duration heartbeatInterval;

	private List<OutboxRow> readAhead = List.of();

	private List<Long> published = List.of();

	private Throwable lastFailure;

	BatchPipeline(OutboxStore store, RelayLeadership leadership, TransactionalPublisher publisher,
			OutboxMetrics metrics, RelayProgress progress, OutboxProperties.Relay settings) {
		this.store = store;
		this.leadership = leadership;
		this.publisher = publisher;
		this.metrics = metrics;
		this.progress = progress;
		this.batchSize = settings.batchSize();
		this.heartbeatInterval = settings.heartbeatInterval();
	}

	/** What one batch came to. */
	enum Step {

		/** Nothing waits. */
		IDLE,
		/** A batch is on Kafka. */
		PUBLISHED,
		/** Rows the broker will never accept were parked; the rest is tried at once. */
		PARKED,
		/** Nothing was published; back off ({@link #lastFailure()} says why). */
		FAILED,
		/** Another relay took over: stand down. */
		FENCED

	}

	Step next() throws SQLException, InterruptedException {
		List<OutboxRow> rows = this.readAhead;
		this.readAhead = List.of();
		if (rows.isEmpty()) {
			rows = deleteAndRead(List.of());
		}
		if (rows.isEmpty()) {
			this.progress.idle();
			return Step.IDLE;
		}
		this.progress.waiting();
		PublishTransaction transaction = this.publisher.send(rows);
		List<OutboxRow> next = deleteAndRead(ids(rows));
		while (!transaction.awaitAcknowledgements(this.heartbeatInterval)) {
			this.leadership.heartbeat();
		}
		PublishTransaction.Outcome outcome = transaction.commit();
		this.metrics.transaction(outcome);
		switch (outcome) {
			case COMMITTED -> {
				this.published = ids(rows);
				this.readAhead = next;
				this.metrics.published(rows);
				this.progress.published();
				return Step.PUBLISHED;
			}
			case FENCED -> {
				logger.warn("Outbox relay was fenced by another relay's producer ({}); {} rows stay in the outbox",
						transaction.cause().toString(), rows.size());
				return Step.FENCED;
			}
			default -> {
				return aborted(transaction);
			}
		}
	}

	/** Deletes what the last transaction published; before the relay stands down. */
	void finish() throws SQLException {
		deleteAndRead(List.of());
		this.readAhead = List.of();
	}

	/** Forgets everything: the relay lost its session, or starts leading. */
	void reset() {
		this.readAhead = List.of();
		this.published = List.of();
	}

	Throwable lastFailure() {
		return this.lastFailure;
	}

	private Step aborted(PublishTransaction transaction) throws SQLException {
		List<PublishTransaction.Unpublishable> unpublishable = transaction.unpublishable();
		for (PublishTransaction.Unpublishable parked : unpublishable) {
			OutboxRow row = parked.row();
			logger.error("Parking outbox row {} (event {}, order {}): the broker will never accept it", row.id(),
					row.eventId(), row.orderId(), parked.failure());
			this.metrics.failed(parked.failure());
			this.store.park(this.leadership.jdbc(), row.id(), parked.failure().toString());
		}
		if (!unpublishable.isEmpty()) {
			return Step.PARKED;
		}
		this.lastFailure = transaction.cause();
		this.metrics.failed(rootCause(transaction.cause()));
		return Step.FAILED;
	}

	private List<OutboxRow> deleteAndRead(List<Long> inFlight) throws SQLException {
		List<OutboxRow> rows = this.store.deleteAndReadNext(this.leadership.jdbc(), this.published, inFlight,
				this.batchSize);
		this.published = List.of();
		return rows;
	}

	private static List<Long> ids(List<OutboxRow> rows) {
		return rows.stream().map(OutboxRow::id).toList();
	}

	/** The exception class that says what went wrong, not the wrapper around it. */
	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getClass() == org.apache.kafka.common.KafkaException.class) {
			cause = cause.getCause();
		}
		return cause;
	}

}
