package dev.orderpipeline.consumer.deadletter;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code dead_letter} table as {@link DeadLetterReplayer} uses it: which dead letters
 * wait for a replay, what a replay sends, and the mark that one was sent. The mark is set
 * only after the broker acknowledged the replayed record, so a replay that failed stays
 * pending.
 */
public final class ReplayBookkeeping {

	private final JdbcTemplate jdbc;

	public ReplayBookkeeping(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What a replay sends: the record's key, value and headers.
	 * @param id the dead letter
	 * @return the stored record, or empty if there is no such dead letter
	 */
	Optional<StoredRecord> storedRecord(long id) {
		return this.jdbc
			.query("select record_key, record_value, headers::text from dead_letter where id = ?",
					(rs, row) -> new StoredRecord(id, rs.getString(1), rs.getBytes(2),
							StoredHeader.fromJson(rs.getString(3))),
					id)
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
