package dev.orderpipeline.consumer.deadletter;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.first;
import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.intValue;
import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.last;
import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.longValue;
import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.storable;
import static dev.orderpipeline.consumer.deadletter.DeadLetterHeaders.text;

/**
 * Writes the {@code dead_letter} table: every record that reached the group's dead-letter
 * topic, with its original headers and value. Operators read it through
 * {@link DeadLetterQueries}; replays keep their bookkeeping in {@link ReplayBookkeeping}.
 * <p>
 * Why a table rather than reading the dead-letter topic on request: listing with filters,
 * showing one record by id and remembering which were replayed are queries and an update
 * here, while a topic offers only sequential reads and cannot mark a record as replayed.
 * The table is filled by a listener on the dead-letter topic (idempotent on the record's
 * topic, partition and offset), so the topic stays the durable source and the table can
 * be rebuilt by resetting that listener's offsets.
 */
public final class DeadLetterStore {

	private final JdbcTemplate jdbc;

	public DeadLetterStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a record consumed from the dead-letter topic; a second delivery of the same
	 * record changes nothing. Every header and the value are stored as bytes (base64 in
	 * {@code headers}, {@code record_value} as bytea), so nothing a producer can put in a
	 * record makes it unstorable; the text columns read from headers are for display and
	 * filtering, with a NUL (which PostgreSQL text cannot hold) written as {@code \u0000}
	 * and invalid UTF-8 as U+FFFD.
	 * @param record the dead-lettered record
	 */
	public void add(ConsumerRecord<String, byte[]> record) {
		Headers headers = record.headers();
		this.jdbc.update(INSERT, record.topic(), record.partition(), record.offset(),
				text(first(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)),
				intValue(first(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION)),
				longValue(first(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET)), text(last(headers, "ce_id")),
				text(last(headers, "ce_type")), text(last(headers, "ce_subject")),
				text(last(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)),
				text(last(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
				text(last(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)), firstFailedAt(record),
				storable(record.key()), record.value(), StoredHeader.toJson(headers));
	}

	/**
	 * Stores what can always be stored of a record that {@link #add} failed on for a
	 * reason other than the database being unreachable: its coordinates, raw value and
	 * headers, and why the full row failed. The partition's later dead letters are not
	 * held up behind it.
	 * @param record the dead-lettered record
	 * @param failure why {@link #add} failed
	 */
	public void addUnparsed(ConsumerRecord<String, byte[]> record, Exception failure) {
		this.jdbc.update(INSERT, record.topic(), record.partition(), record.offset(), null, null, null, null, null,
				null, DeadLetterStore.class.getName(),
				storable("Stored without its parsed headers: " + failure.getMessage()), null,
				Timestamp.from(Instant.ofEpochMilli(record.timestamp())), null, record.value(),
				StoredHeader.toJson(record.headers()));
	}

	private static final String INSERT = """
			insert into dead_letter (dlt_topic, dlt_partition, dlt_offset, original_topic, original_partition,
			    original_offset, event_id, event_type, subject, exception_class, exception_message, stack_trace,
			    first_failed_at, record_key, record_value, headers)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
			on conflict (dlt_topic, dlt_partition, dlt_offset) do nothing""";

	private static Timestamp firstFailedAt(ConsumerRecord<String, byte[]> record) {
		String firstFailure = text(first(record.headers(), "pipeline_first-failure-at"));
		if (firstFailure != null) {
			try {
				return Timestamp.from(Instant.parse(firstFailure));
			}
			catch (DateTimeParseException ex) {
				// Not ours or damaged: the record's own time is the best left.
			}
		}
		return Timestamp.from(Instant.ofEpochMilli(record.timestamp()));
	}

}
