package dev.orderpipeline.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bounds the hold in time: an event held longer than
 * {@code pipeline.consumer.hold.max-age} is sent to the group's dead-letter topic with
 * the reason ({@link HeldEventExpired}) and its original coordinates, then removed from
 * {@code held_event}, so an operator sees it and can replay it after its predecessor.
 * Runs every {@code pipeline.consumer.hold.check-interval} on each instance; rows being
 * released at that moment are skipped ({@code for update skip locked}). The send is
 * acknowledged before the row's removal commits: a failure in between dead-letters the
 * event twice, which the dead-letter store and a replay both tolerate.
 */
final class HeldEventExpiry implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(HeldEventExpiry.class);

	private static final int BATCH = 100;

	private final JdbcTemplate jdbc;

	private final HeldEvents held;

	private final TransactionTemplate transactions;

	private final KafkaOperations<String, byte[]> template;

	private final ConsumerTopics topics;

	private final ConsumerMetrics metrics;

	private final Duration maxAge;

	HeldEventExpiry(JdbcTemplate jdbc, HeldEvents held, TransactionTemplate transactions,
			KafkaOperations<String, byte[]> template, ConsumerTopics topics, ConsumerMetrics metrics, Duration maxAge) {
		this.jdbc = jdbc;
		this.held = held;
		this.transactions = transactions;
		this.template = template;
		this.topics = topics;
		this.metrics = metrics;
		this.maxAge = maxAge;
	}

	@Override
	public void run() {
		try {
			Integer expired;
			do {
				expired = this.transactions.execute((status) -> expireBatch());
			}
			while (expired != null && expired == BATCH);
		}
		catch (RuntimeException ex) {
			// The next run tries again; the events stay held meanwhile.
			log.warn("Could not dead-letter expired held events: {}", ex.toString());
		}
	}

	private int expireBatch() {
		List<HeldEvent> expired = this.held.lockExpired(this.maxAge, BATCH);
		for (HeldEvent event : expired) {
			Long last = this.jdbc
				.queryForList("select last_sequence from event_sequence where subject = ?", Long.class, event.subject())
				.stream()
				.findFirst()
				.orElse(0L);
			HeldEventExpired reason = new HeldEventExpired(event, last);
			send(event, reason);
			log.warn("Dead-lettered held event {} ({}) to {}: {}", event.eventId(), event.eventType(),
					this.topics.deadLetter(), reason.getMessage());
			this.metrics.deadLettered(event.eventType(), reason.getClass().getSimpleName());
		}
		this.held.remove(expired.stream().map(HeldEvent::eventId).toList());
		return expired.size();
	}

	private void send(HeldEvent event, HeldEventExpired reason) {
		ConsumerRecord<String, byte[]> record = event.record();
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			headers.add(header);
		}
		// Appended: a record held from a retry topic keeps its first coordinates (the
		// store reads the first), and this reason is the last exception (the store reads
		// the last).
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(record.topic()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(reason.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(reason.getMessage()));
		if (record.headers().lastHeader(FailedRecordForwarder.FIRST_FAILURE_AT) == null) {
			headers.add(FailedRecordForwarder.FIRST_FAILURE_AT, bytes(event.heldAt().toString()));
		}
		try {
			this.template
				.send(new ProducerRecord<>(this.topics.deadLetter(), null, record.key(), record.value(), headers))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while dead-lettering held event " + event.eventId(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not dead-letter held event " + event.eventId(), ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
