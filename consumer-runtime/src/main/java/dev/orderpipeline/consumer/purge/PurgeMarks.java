package dev.orderpipeline.consumer.purge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code inbox_purge_mark} table and the batched delete from the inbox. */
final class PurgeMarks {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	PurgeMarks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The database's time now: taken before the end offsets that go with it. */
	Instant now() {
		return this.jdbc.queryForObject("select now()", Instant.class);
	}

	void add(Instant markedAt, Map<TopicPartition, Long> endOffsets) {
		List<Map<String, Object>> offsets = new ArrayList<>();
		endOffsets.forEach((partition, offset) -> offsets
			.add(Map.of("topic", partition.topic(), "partition", partition.partition(), "offset", offset)));
		this.jdbc.update("insert into inbox_purge_mark (marked_at, end_offsets) values (?, ?::jsonb)",
				java.sql.Timestamp.from(markedAt), json.writeValueAsString(offsets));
	}

	/** Marks older than the retention, newest first. */
	List<PurgeMark> olderThan(Duration retention) {
		return this.jdbc.query("""
				select id, marked_at, end_offsets::text as end_offsets from inbox_purge_mark
				where marked_at < now() - make_interval(secs => ?)
				order by marked_at desc""", this::mark, retention.toMillis() / 1000.0);
	}

	/**
	 * Records that every inbox row processed before the mark is gone: the horizon below
	 * which reconciliation cannot find an applied event's inbox row any more.
	 */
	void purgedTo(PurgeMark mark) {
		this.jdbc.update("update inbox_purge_mark set purged_at = now() where id = ?", mark.id());
	}

	/** Marks older than this one are of no more use once it was purged to. */
	void deleteBefore(PurgeMark mark) {
		this.jdbc.update("delete from inbox_purge_mark where marked_at < ?", java.sql.Timestamp.from(mark.markedAt()));
	}

	/**
	 * Deletes up to {@code batchSize} inbox rows processed before the mark.
	 * @return rows deleted
	 */
	int purgeBatch(PurgeMark mark, int batchSize) {
		return this.jdbc.update("""
				delete from processed_event where event_id in
				    (select event_id from processed_event where processed_at < ? limit ?)""",
				java.sql.Timestamp.from(mark.markedAt()), batchSize);
	}

	private PurgeMark mark(ResultSet rs, int row) throws SQLException {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		for (JsonNode entry : json.readTree(rs.getString("end_offsets"))) {
			offsets.put(new TopicPartition(entry.get("topic").asString(), entry.get("partition").asInt()),
					entry.get("offset").asLong());
		}
		return new PurgeMark(rs.getLong("id"), rs.getTimestamp("marked_at").toInstant(), offsets);
	}

}
