package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Spring Kafka's {@link DefaultErrorHandler} for a record's own failure, which it hands
 * to the recoverer at once; an unreachable database ({@link Failures#isInfrastructure})
 * is waited out here instead. The records are sought back to where the failed poll began
 * and polled again after a back-off, so the listener sees them anew.
 * <p>
 * Why not the handler's own in-place retry: for a batch listener that is a loop inside
 * the error handler that re-runs the same batch. When the database came back and a record
 * of that batch then failed on its own (a poison record), the loop kept re-running the
 * batch on the outage's back-off instead of forwarding the record, and the partition
 * stood still (the fault suite, stop 23). Here the record tracker and that loop never see
 * an outage; a poison record polled after one is forwarded like any other.
 */
final class OutageWaitingErrorHandler extends DefaultErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(OutageWaitingErrorHandler.class);

	static final Duration FIRST_WAIT = Duration.ofMillis(500);

	static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

	/**
	 * A retry that fails again this soon after the last wait belongs to the same outage;
	 * one that fails later starts from the first wait again.
	 */
	private static final Duration SAME_OUTAGE = Duration.ofSeconds(60);

	/** Per consumer thread: one handler serves all of a container's consumers. */
	private final ThreadLocal<OutageWaits> waits = ThreadLocal.withInitial(OutageWaits::new);

	/**
	 * @param recoverer what a record's own failure is handed to (no in-place retries: the
	 * retry topics do that)
	 */
	OutageWaitingErrorHandler(ConsumerRecordRecoverer recoverer) {
		super(recoverer, new FixedBackOff(0, 0));
		setCommitRecovered(true);
	}

	@Override
	public void handleBatch(Exception thrown, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
			MessageListenerContainer container, Runnable invokeListener) {
		if (isOutage(thrown)) {
			waitOut(thrown, firstOffsets(data), consumer, container);
		}
		super.handleBatch(thrown, data, consumer, container, invokeListener);
	}

	@Override
	public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrown, ConsumerRecords<?, ?> data,
			Consumer<?, ?> consumer, MessageListenerContainer container, Runnable invokeListener) {
		if (isOutage(thrown)) {
			waitOut(thrown, firstOffsets(data), consumer, container);
		}
		return super.handleBatchAndReturnRemaining(thrown, data, consumer, container, invokeListener);
	}

	@Override
	public void handleRemaining(Exception thrown, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		if (isOutage(thrown)) {
			Map<TopicPartition, Long> first = new LinkedHashMap<>();
			records.forEach((record) -> first.putIfAbsent(partition(record), record.offset()));
			waitOut(thrown, first, consumer, container);
		}
		super.handleRemaining(thrown, records, consumer, container);
	}

	/**
	 * A record the listener blamed goes the record's way even if the database is also
	 * gone: the runtime only blames a record for a failure of its own.
	 */
	private static boolean isOutage(Exception thrown) {
		return Failures.blamedRecord(thrown) == null && Failures.isInfrastructure(thrown);
	}

	/**
	 * Seeks back, waits and throws, so that the container commits nothing of the failed
	 * poll and polls it again.
	 */
	private void waitOut(Exception thrown, Map<TopicPartition, Long> firstOffsets, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		firstOffsets.forEach(consumer::seek);
		Duration wait = this.waits.get().next();
		log.warn("Database unreachable ({}); polling {} again in {} ms", Failures.unwrap(thrown).toString(),
				firstOffsets.keySet(), wait.toMillis());
		try {
			ListenerUtils.stoppableSleep(container, wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.waits.get().waited();
		throw new KafkaException("Waited out a database outage; the records are polled again",
				KafkaException.Level.DEBUG, thrown);
	}

	private static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<?, ?> data) {
		Map<TopicPartition, Long> first = new LinkedHashMap<>();
		for (TopicPartition partition : data.partitions()) {
			first.put(partition, data.records(partition).get(0).offset());
		}
		return first;
	}

	private static TopicPartition partition(ConsumerRecord<?, ?> record) {
		return new TopicPartition(record.topic(), record.partition());
	}

	/** The back-off of one consumer thread: doubling within an outage, up to 30 s. */
	static final class OutageWaits {

		private Duration current = Duration.ZERO;

		private long lastWaitEnded = Long.MIN_VALUE;

		Duration next() {
			boolean sameOutage = this.lastWaitEnded != Long.MIN_VALUE
					&& System.nanoTime() - this.lastWaitEnded < SAME_OUTAGE.toNanos();
			this.current = (!sameOutage || this.current.isZero()) ? FIRST_WAIT
					: min(this.current.multipliedBy(2), LONGEST_WAIT);
			return this.current;
		}

		void waited() {
			this.lastWaitEnded = System.nanoTime();
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

	}

}
