package dev.orderpipeline.consumer.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What operators read from the {@code dead_letter} table: a filtered list, and one dead
 * letter with its record's key, value and headers decoded for display.
 */
public final class DeadLetterQueries {

	private static final String COLUMNS = """
			id, original_topic, original_partition, original_offset, event_id, event_type, subject,
			exception_class, exception_message, first_failed_at, dead_lettered_at, replayed_at, replay_count""";

	private final JdbcTemplate jdbc;

	public DeadLetterQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
					for (StoredHeader header : StoredHeader.fromJson(rs.getString("headers"))) {
						headers.add(new DeadLetterRecord.StoredHeader(header.name(),
								DeadLetterHeaders.display(header.name(), header.rawValue()), header.value()));
					}
					return new DeadLetterRecord(summary(rs, row), rs.getString("record_key"),
							DeadLetterHeaders.utf8(value),
							(value != null) ? Base64.getEncoder().encodeToString(value) : null, headers,
							rs.getString("stack_trace"));
				}, id)
			.stream()
			.findFirst();
	}

	private DeadLetter summary(ResultSet rs, int row) throws SQLException {
		return new DeadLetter(rs.getLong("id"), rs.getString("original_topic"),
				(Integer) rs.getObject("original_partition"), (Long) rs.getObject("original_offset"),
				rs.getString("event_id"), rs.getString("event_type"), rs.getString("subject"),
				rs.getString("exception_class"), rs.getString("exception_message"),
				instant(rs.getTimestamp("first_failed_at")), instant(rs.getTimestamp("dead_lettered_at")),
				instant(rs.getTimestamp("replayed_at")), rs.getInt("replay_count"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
