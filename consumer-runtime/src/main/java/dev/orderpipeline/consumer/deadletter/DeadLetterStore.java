package dev.orderpipeline.consumer.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The {@code dead_letter} table: every record that reached the group's dead-letter topic,
 * with its original headers and value.
 * <p>
 * Why a table rather than reading the dead-letter topic on request: listing with filters,
 * showing one record by id and remembering which were replayed are queries and an update
 * here, while a topic offers only sequential reads and cannot mark a record as replayed.
 * The table is filled by a listener on the dead-letter topic (idempotent on the record's
 * topic, partition and offset), so the topic stays the durable source and the table can
 * be rebuilt by resetting that listener's offsets.
 */
public final class DeadLetterStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String COLUMNS = """
			id, original_topic, original_partition, original_offset, event_id, event_type, subject,
			exception_class, exception_message, first_failed_at, dead_lettered_at, replayed_at, replay_count""";

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
				storable(record.key()), record.value(), storedHeaders(headers));
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
				storedHeaders(record.headers()));
	}

	private static final String INSERT = """
			insert into dead_letter (dlt_topic, dlt_partition, dlt_offset, original_topic, original_partition,
			    original_offset, event_id, event_type, subject, exception_class, exception_message, stack_trace,
			    first_failed_at, record_key, record_value, headers)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
			on conflict (dlt_topic, dlt_partition, dlt_offset) do nothing""";

	private static String storedHeaders(Headers headers) {
		List<StoredHeader> stored = new ArrayList<>();
		for (Header header : headers) {
			stored.add(new StoredHeader(storable(header.key()),
					Base64.getEncoder().encodeToString((header.value() != null) ? header.value() : new byte[0])));
		}
		return json.writeValueAsString(stored);
	}

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

	/**
	 * Text PostgreSQL can store: NUL is the one character a {@code text} value cannot
	 * hold.
	 */
	private static String storable(String text) {
		return (text != null) ? text.replace("\u0000", "\\u0000") : null;
	}

	/**
	 * Lists dead letters, oldest first.
	 * @param includeReplayed whether to include those already replayed
	 * @param limit the most to return
	 * @return the dead letters
	 */
	public List<DeadLetter> list(boolean includeReplayed, int limit) {
		return this.jdbc.query("select " + COLUMNS + " from dead_letter"
				+ (includeReplayed ? "" : " where replayed_at is null") + " order by id limit ?", this::summary, limit);
	}

	public Optional<DeadLetterRecord> find(long id) {
		return this.jdbc.query("select " + COLUMNS + ", record_key, record_value, headers::text, stack_trace"
				+ " from dead_letter where id = ?", (rs, row) -> {
					byte[] value = rs.getBytes("record_value");
					List<DeadLetterRecord.StoredHeader> headers = new ArrayList<>();
					for (StoredHeader header : headers(rs.getString("headers"))) {
						byte[] raw = Base64.getDecoder().decode(header.value());
						headers.add(new DeadLetterRecord.StoredHeader(header.name(), display(header.name(), raw),
								header.value()));
					}
					return new DeadLetterRecord(summary(rs, row), rs.getString("record_key"), utf8(value),
							(value != null) ? Base64.getEncoder().encodeToString(value) : null, headers,
							rs.getString("stack_trace"));
				}, id)
			.stream()
			.findFirst();
	}

	/**
	 * What a replay sends: the record's key, value and headers.
	 * @param id the dead letter
	 * @return the stored record, or empty if there is no such dead letter
	 */
	Optional<StoredRecord> storedRecord(long id) {
		return this.jdbc
			.query("select record_key, record_value, headers::text from dead_letter where id = ?",
					(rs, row) -> new StoredRecord(id, rs.getString(1), rs.getBytes(2), headers(rs.getString(3))), id)
			.stream()
			.findFirst();
	}

	List<Long> pendingIds(int limit) {
		return this.jdbc.queryForList("select id from dead_letter where replayed_at is null order by id limit ?",
				Long.class, limit);
	}

	void markReplayed(long id) {
		this.jdbc.update("update dead_letter set replayed_at = now(), replay_count = replay_count + 1 where id = ?",
				id);
	}

	private DeadLetter summary(ResultSet rs, int row) throws SQLException {
		return new DeadLetter(rs.getLong("id"), rs.getString("original_topic"),
				(Integer) rs.getObject("original_partition"), (Long) rs.getObject("original_offset"),
				rs.getString("event_id"), rs.getString("event_type"), rs.getString("subject"),
				rs.getString("exception_class"), rs.getString("exception_message"),
				instant(rs.getTimestamp("first_failed_at")), instant(rs.getTimestamp("dead_lettered_at")),
				instant(rs.getTimestamp("replayed_at")), rs.getInt("replay_count"));
	}

	private static List<StoredHeader> headers(String text) {
		return json.readValue(text, new TypeReference<List<StoredHeader>>() {
		});
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Header first(Headers headers, String name) {
		for (Header header : headers.headers(name)) {
			return header;
		}
		return null;
	}

	private static Header last(Headers headers, String name) {
		return headers.lastHeader(name);
	}

	private static String text(Header header) {
		return (header != null && header.value() != null) ? storable(new String(header.value(), StandardCharsets.UTF_8))
				: null;
	}

	private static Integer intValue(Header header) {
		return (header != null && header.value() != null && header.value().length == 4)
				? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	private static Long longValue(Header header) {
		return (header != null && header.value() != null && header.value().length == 8)
				? ByteBuffer.wrap(header.value()).getLong() : null;
	}

	private static String display(String name, byte[] raw) {
		if (raw.length == 4 && name.equals(KafkaHeaders.DLT_ORIGINAL_PARTITION)) {
			return Integer.toString(ByteBuffer.wrap(raw).getInt());
		}
		if (raw.length == 8 && (name.equals(KafkaHeaders.DLT_ORIGINAL_OFFSET)
				|| name.equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP))) {
			return Long.toString(ByteBuffer.wrap(raw).getLong());
		}
		return utf8(raw);
	}

	private static String utf8(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * A header as stored: name and base64 value.
	 *
	 * @param name the header name
	 * @param value the value, base64
	 */
	record StoredHeader(String name, String value) {

	}

	/**
	 * A dead letter's record, ready to be sent again.
	 *
	 * @param id the dead letter
	 * @param key the record key
	 * @param value the record value
	 * @param headers the headers
	 */
	record StoredRecord(long id, String key, byte[] value, List<StoredHeader> headers) {

	}

}
