package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.events.kafka.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decodes records and applies them through the {@link EventApplier} (inbox, ordering
 * gate, handler): a whole poll in one transaction on the source topic, one record per
 * transaction on the retry topics.
 * <p>
 * A record that cannot be decoded or applied is reported with a
 * {@link BatchListenerFailedException} carrying its index: the container's error handler
 * commits the records before it (they are applied), forwards it to the group's retry or
 * dead-letter topic, and polls the records after it again. Nothing is committed past a
 * record that was neither applied nor forwarded.
 * <p>
 * Each record is handled in a span of its own, a child of the producer's context from its
 * {@code traceparent} header, ended when its batch is done. A batch of one runs entirely
 * in its record's span; a larger batch's transaction and handler call run in a batch span
 * linked to each record's span, and the runtime's log lines about one record (and a
 * handler's inside {@link ReceivedEvent#logContext()}) switch to that record's span.
 */
final class EventProcessor {

	private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

	private final EventHandler handler;

	private final SourceEventDecoder decoder;

	private final EventApplier applier;

	private final TransactionTemplate transactions;

	private final ConsumerMetrics metrics;

	private final RecordTracing tracing;

	EventProcessor(EventHandler handler, SourceEventDecoder decoder, EventApplier applier,
			TransactionTemplate transactions, ConsumerMetrics metrics, RecordTracing tracing) {
		this.handler = handler;
		this.decoder = decoder;
		this.applier = applier;
		this.transactions = transactions;
		this.metrics = metrics;
		this.tracing = tracing;
	}

	/**
	 * The batch listener of the source topic.
	 * @param records one poll, in partition order per partition
	 */
	void onBatch(List<ConsumerRecord<String, byte[]>> records) {
		List<EventTrace> traces = new ArrayList<>(records.size());
		try {
			List<DecodedRecord> decoded = new ArrayList<>(records.size());
			for (int i = 0; i < records.size(); i++) {
				ConsumerRecord<String, byte[]> record = records.get(i);
				EventTrace trace = this.tracing.start(record, "process");
				traces.add(trace);
				try {
					decoded.add(new DecodedRecord(i, record, decode(record), trace));
				}
				catch (RuntimeException ex) {
					// Apply what came before the broken record, then hand it to the error
					// handler; the records after it are polled again.
					applyIsolating(decoded);
					trace.failed(ex);
					try (LogContext context = trace.logContext()) {
						log.warn("Cannot decode {}: {}", coordinates(record), ex.getMessage());
					}
					throw new BatchListenerFailedException(coordinates(record) + ": " + ex.getMessage(), ex, i);
				}
			}
			applyIsolating(decoded);
		}
		finally {
			traces.forEach(EventTrace::end);
		}
	}

	/**
	 * The record listener of the retry topics (and the path replayed dead letters take).
	 * @param record one record
	 */
	void onRetry(ConsumerRecord<String, byte[]> record) {
		EventTrace trace = this.tracing.start(record, "process");
		try (LogContext context = trace.logContext()) {
			IncomingEvent incoming = decode(record);
			log.info("Retrying {} from {}", incoming.type().wireType(), coordinates(record));
			apply(List.of(new DecodedRecord(0, record, incoming, trace)), "retry");
		}
		catch (RuntimeException ex) {
			trace.failed(ex);
			throw ex;
		}
		finally {
			trace.end();
		}
	}

	private IncomingEvent decode(ConsumerRecord<String, byte[]> record) {
		return this.decoder.decode(record);
	}

	private void applyIsolating(List<DecodedRecord> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			apply(batch, "batch");
		}
		catch (RuntimeException ex) {
			if (Failures.isInfrastructure(ex)) {
				// Not this batch's fault: the error handler retries it in place.
				throw ex;
			}
			if (batch.size() == 1) {
				throw failed(batch.get(0), ex);
			}
			log.warn("A batch of {} failed ({}); applying its records one by one to find the failing one", batch.size(),
					ex.toString());
			for (DecodedRecord record : batch) {
				try {
					apply(List.of(record), "isolated");
				}
				catch (RuntimeException single) {
					if (Failures.isInfrastructure(single)) {
						throw single;
					}
					throw failed(record, single);
				}
			}
		}
	}

	private static BatchListenerFailedException failed(DecodedRecord record, RuntimeException ex) {
		record.trace().failed(ex);
		try (LogContext context = record.trace().logContext()) {
			log.warn("Handling {} from {} failed: {}", record.eventType(), coordinates(record.record()), ex.toString());
		}
		return new BatchListenerFailedException(
				coordinates(record.record()) + " " + record.eventType() + ": " + ex.getMessage(), ex, record.index());
	}

	private void apply(List<DecodedRecord> batch, String mode) {
		EventTrace trace = (batch.size() == 1) ? batch.get(0).trace() : this.tracing
			.startBatch(batch.get(0).record().topic(), batch.stream().map(DecodedRecord::trace).toList());
		try (LogContext context = trace.logContext()) {
			applyTimed(batch, mode);
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1) {
				trace.failed(ex);
			}
			throw ex;
		}
		finally {
			if (batch.size() > 1) {
				trace.end();
			}
		}
	}

	private void applyTimed(List<DecodedRecord> batch, String mode) {
		long start = System.nanoTime();
		try {
			GatePlan plan = this.transactions.execute((status) -> this.applier.apply(batch));
			this.metrics.processing(mode, "success", Duration.ofNanos(System.nanoTime() - start));
			plan.report(this.metrics, this.handler::handles);
		}
		catch (RuntimeException ex) {
			this.metrics.processing(mode, "failure", Duration.ofNanos(System.nanoTime() - start));
			throw ex;
		}
	}

	static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
