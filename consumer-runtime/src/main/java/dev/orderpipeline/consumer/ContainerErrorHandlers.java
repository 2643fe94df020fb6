package dev.orderpipeline.consumer;

import java.time.Duration;

import dev.orderpipeline.consumer.deadletter.DeadLetterStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What each kind of container does with a failure: forward it at once, wait out an
 * unreachable database, or store a dead letter raw. In one place because the three
 * policies share the rule that infrastructure failures are waited out and everything else
 * moves on, so no record holds up its partition for longer than one back-off step.
 */
final class ContainerErrorHandlers {

	private ContainerErrorHandlers() {
	}

	/**
	 * For the batch container on the source topic. A record reported by
	 * {@code BatchListenerFailedException} is forwarded at once (no in-place retries: the
	 * retry topics do that without blocking the partition). Any other exception fails the
	 * whole batch, which only happens when the database is unreachable: the batch is
	 * polled again until it is back.
	 * @param forwarder sends the failing record to the first retry topic
	 * @return the error handler
	 */
	static DefaultErrorHandler source(FailedRecordForwarder forwarder) {
		return new OutageWaitingErrorHandler(forwarder);
	}

	/**
	 * For a record container on a retry topic: forward a failure to the next retry topic
	 * (or the dead-letter topic) at once, unless the database is unreachable.
	 * @param forwarder sends the failing record on
	 * @return the error handler
	 */
	static DefaultErrorHandler retry(FailedRecordForwarder forwarder) {
		return new OutageWaitingErrorHandler(forwarder);
	}

	/**
	 * For the dead-letter recorder, which only writes a row. A database that is down or a
	 * transient SQL error is waited out; any other failure would repeat for ever and hold
	 * up the partition's later dead letters, so after two more tries the record is stored
	 * raw (coordinates, value, headers) with the reason.
	 * @param deadLetters the dead-letter table
	 * @return the error handler
	 */
	static DefaultErrorHandler deadLetterRecorder(DeadLetterStore deadLetters) {
		DefaultErrorHandler errors = new DefaultErrorHandler(
				(record, exception) -> deadLetters.addUnparsed(castRecord(record), Failures.unwrap(exception)),
				untilRecovered());
		errors.setBackOffFunction(
				(record, exception) -> Failures.isTransient(exception) ? untilRecovered() : new FixedBackOff(0, 2));
		errors.setCommitRecovered(true);
		return errors;
	}

	@SuppressWarnings("unchecked")
	private static ConsumerRecord<String, byte[]> castRecord(ConsumerRecord<?, ?> record) {
		return (ConsumerRecord<String, byte[]>) record;
	}

	private static BackOff untilRecovered() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
		return backOff;
	}

}
