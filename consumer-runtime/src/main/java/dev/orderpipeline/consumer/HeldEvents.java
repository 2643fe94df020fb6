package dev.orderpipeline.consumer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code held_event}: events the ordering gate holds back, read and changed in
 * the transaction that holds the order's {@code event_sequence} row lock.
 */
final class HeldEvents {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String COLUMNS = """
			event_id::text, subject, sequence, event_type, source_topic, source_partition, source_offset,
			record_key, record_value, headers::text, held_at""";

	private final JdbcTemplate jdbc;

	HeldEvents(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The events held for some orders, locked until commit.
	 * @param subjects the orders of a batch, whose sequence rows the caller has locked
	 * @return order to its held events, in sequence order; orders without any are absent
	 */
	Map<String, List<HeldEvent>> lockForSubjects(Collection<String> subjects) {
		Map<String, List<HeldEvent>> held = new LinkedHashMap<>();
		if (subjects.isEmpty()) {
			return held;
		}
		this.jdbc.execute((Connection connection) -> {
			Array array = connection.createArrayOf("text", subjects.toArray());
			try (var statement = connection.prepareStatement("select " + COLUMNS
					+ " from held_event where subject = any(?) order by subject, sequence for update")) {
				statement.setArray(1, array);
				try (var result = statement.executeQuery()) {
					while (result.next()) {
						HeldEvent event = row(result);
						held.computeIfAbsent(event.subject(), (s) -> new ArrayList<>()).add(event);
					}
				}
				return null;
			}
			finally {
				array.free();
			}
		});
		return held;
	}

	/**
	 * Holds events back; a second hold of the same event id changes nothing.
	 * @param events decoded records of the source or a retry topic
	 */
	void hold(List<DecodedRecord> events) {
		if (events.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				insert into held_event (event_id, subject, sequence, event_type, source_topic, source_partition,
				    source_offset, record_key, record_value, headers)
				values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
				on conflict (event_id) do nothing""", events, events.size(), (statement, event) -> {
			ConsumerRecord<String, byte[]> record = event.record();
			statement.setString(1, event.eventId());
			statement.setString(2, event.incoming().event().subject());
			statement.setLong(3, event.incoming().event().sequence());
			statement.setString(4, event.eventType());
			statement.setString(5, record.topic());
			statement.setInt(6, record.partition());
			statement.setLong(7, record.offset());
			statement.setString(8, record.key());
			statement.setBytes(9, record.value());
			statement.setString(10, headersJson(record));
		});
	}

	/**
	 * Removes held events (released or dead-lettered).
	 * @param eventIds their ids
	 */
	void remove(Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return;
		}
		this.jdbc.execute((Connection connection) -> {
			Array array = connection.createArrayOf("uuid", eventIds.toArray());
			try (var statement = connection.prepareStatement("delete from held_event where event_id = any(?)")) {
				statement.setArray(1, array);
				statement.executeUpdate();
				return null;
			}
			finally {
				array.free();
			}
		});
	}

	/**
	 * Events held longer than allowed, locked until commit; rows another transaction
	 * holds (being released right now) are skipped.
	 * @param maxAge the longest an event may be held
	 * @param limit the most to return
	 * @return the oldest expired events
	 */
	List<HeldEvent> lockExpired(Duration maxAge, int limit) {
		return this.jdbc.query(
				"select " + COLUMNS + " from held_event where held_at < now() - ? * interval '1 millisecond'"
						+ " order by held_at limit ? for update skip locked",
				(rs, row) -> row(rs), maxAge.toMillis(), limit);
	}

	private static HeldEvent row(ResultSet rs) throws SQLException {
		RecordHeaders headers = new RecordHeaders();
		for (StoredHeader header : json.readValue(rs.getString("headers"), new TypeReference<List<StoredHeader>>() {
		})) {
			headers.add(header.name(), (header.value() != null) ? Base64.getDecoder().decode(header.value()) : null);
		}
		byte[] value = rs.getBytes("record_value");
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(rs.getString("source_topic"),
				rs.getInt("source_partition"), rs.getLong("source_offset"), ConsumerRecord.NO_TIMESTAMP,
				TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, (value != null) ? value.length : 0,
				rs.getString("record_key"), value, headers, Optional.empty());
		return new HeldEvent(rs.getString("event_id"), rs.getString("subject"), rs.getLong("sequence"),
				rs.getString("event_type"), record, rs.getTimestamp("held_at").toInstant());
	}

	private static String headersJson(ConsumerRecord<String, byte[]> record) {
		List<StoredHeader> stored = new ArrayList<>();
		for (Header header : record.headers()) {
			stored.add(new StoredHeader(header.key(),
					(header.value() != null) ? Base64.getEncoder().encodeToString(header.value()) : null));
		}
		return json.writeValueAsString(stored);
	}

	/**
	 * A header as stored: name and base64 value.
	 *
	 * @param name the header name
	 * @param value the value, base64, or null
	 */
	record StoredHeader(String name, String value) {

	}

}
