package dev.orderpipeline.consumer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Spring Kafka's {@link DeadLetterPublishingRecoverer}, routing a failed record to the
 * next step of this group's path: retry topic {@code n + 1} with a due time after the
 * back-off, or the dead-letter topic when the failure is permanent or the retries are
 * used up. The record keeps its key, value and CloudEvents and trace headers; Spring adds
 * the original topic, partition, offset, timestamp and the exception
 * ({@code kafka_dlt-*}); this adds the time of the first failure. Publishing is
 * synchronous: if it fails, the error handler does not commit the record.
 */
final class FailedRecordForwarder extends DeadLetterPublishingRecoverer {

	/** When the record first failed, ISO-8601; kept unchanged along the retry path. */
	static final String FIRST_FAILURE_AT = "pipeline_first-failure-at";

	private static final Logger log = LoggerFactory.getLogger(FailedRecordForwarder.class);

	private final ConsumerTopics topics;

	private final int fromRetry;

	private final RetryDelays delays;

	private final ConsumerMetrics metrics;

	private final RecordTracing tracing;

	/**
	 * @param template sends String keys and byte[] values
	 * @param topics the group's topics
	 * @param fromRetry the retry topic whose failures this forwards, or -1 for the source
	 * topic
	 * @param delays the back-off
	 * @param metrics counts forwarded records
	 * @param tracing starts the span of the forwarding, in the record's trace
	 */
	FailedRecordForwarder(KafkaOperations<?, ?> template, ConsumerTopics topics, int fromRetry, RetryDelays delays,
			ConsumerMetrics metrics, RecordTracing tracing) {
		super(template, (record, exception) -> new TopicPartition(destination(topics, fromRetry, exception), -1));
		this.topics = topics;
		this.fromRetry = fromRetry;
		this.delays = delays;
		this.metrics = metrics;
		this.tracing = tracing;
		setHeadersFunction(this::extraHeaders);
		setAppendOriginalHeaders(false);
		setFailIfSendResultIsError(true);
	}

	static String destination(ConsumerTopics topics, int fromRetry, Exception exception) {
		int next = fromRetry + 1;
		if (Failures.isPermanent(exception) || next >= topics.retryAttempts()) {
			return topics.deadLetter();
		}
		return topics.retry(next);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		if (SeekUtils.isBackoffException(exception)) {
			// Not a failure: the retry partition was paused until its record is due.
			// Throwing makes the error handler seek back instead of committing.
			throw (exception instanceof RuntimeException runtime) ? runtime : new IllegalStateException(exception);
		}
		Exception cause = Failures.unwrap(exception);
		String destination = destination(this.topics, this.fromRetry, cause);
		EventTrace trace = this.tracing.start(record, "forward");
		trace.span().tag("pipeline.forwarded_to", destination);
		trace.failed(cause);
		try (LogContext context = trace.logContext()) {
			super.accept(record, consumer, cause);
			String eventType = eventTypeTag(record);
			String exceptionTag = cause.getClass().getSimpleName();
			if (destination.equals(this.topics.deadLetter())) {
				log.warn("Dead-lettered {} ({}) to {}: {}", EventProcessor.coordinates(record), eventType, destination,
						cause.toString());
				this.metrics.deadLettered(eventType, exceptionTag);
			}
			else {
				log.info("Forwarded {} ({}) to {} after {}", EventProcessor.coordinates(record), eventType, destination,
						cause.toString());
				this.metrics.retried(eventType, exceptionTag);
			}
		}
		finally {
			trace.end();
		}
	}

	private Headers extraHeaders(ConsumerRecord<?, ?> record, Exception exception) {
		RecordHeaders headers = new RecordHeaders();
		if (record.headers().lastHeader(FIRST_FAILURE_AT) == null) {
			headers.add(FIRST_FAILURE_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
		}
		String destination = destination(this.topics, this.fromRetry, Failures.unwrap(exception));
		if (!destination.equals(this.topics.deadLetter())) {
			long due = System.currentTimeMillis() + this.delays.jittered(this.fromRetry + 1).toMillis();
			headers.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP, BigInteger.valueOf(due).toByteArray());
		}
		return headers;
	}

	/**
	 * The event type as a bounded tag value: a registered wire type or {@code unknown}.
	 * @param record the record
	 * @return the tag value
	 */
	static String eventTypeTag(ConsumerRecord<?, ?> record) {
		Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
		if (type == null || type.value() == null) {
			return ConsumerMetrics.UNKNOWN_TYPE;
		}
		return EventType.fromWireType(new String(type.value(), StandardCharsets.UTF_8))
			.map(EventType::wireType)
			.orElse(ConsumerMetrics.UNKNOWN_TYPE);
	}

}
