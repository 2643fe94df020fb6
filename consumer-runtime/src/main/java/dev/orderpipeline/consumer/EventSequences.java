package dev.orderpipeline.consumer;

import java.sql.Array;
import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code event_sequence}: the highest {@code sequence} this group has applied
 * per subject (order). Locked, read and advanced in the batch's transaction; the lock
 * also guards the order's {@code held_event} rows.
 */
final class EventSequences {

	private final JdbcTemplate jdbc;

	EventSequences(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the sequence row of each subject until commit and reads it, so that the
	 * source and retry containers never classify events of one order at the same time.
	 * Rows are created first (at 0) for subjects never seen:
	 * {@code select ... for update} alone locks nothing for an order's first event, and
	 * both containers would read "no event applied". Subjects are locked in sorted order,
	 * so two batches never deadlock.
	 * @param subjects the subjects of a batch
	 * @return subject to last applied sequence (0 if none), for every subject
	 */
	Map<String, Long> lock(Collection<String> subjects) {
		Map<String, Long> last = new HashMap<>();
		if (subjects.isEmpty()) {
			return last;
		}
		String[] sorted = subjects.stream().distinct().sorted().toArray(String[]::new);
		this.jdbc.execute((Connection connection) -> {
			Array array = connection.createArrayOf("text", sorted);
			try (var insert = connection.prepareStatement("""
					insert into event_sequence (subject, last_sequence)
					select subject, 0 from unnest(?::text[]) as subject order by subject
					on conflict (subject) do nothing""");
					var select = connection.prepareStatement(
							"select subject, last_sequence from event_sequence where subject = any(?) order by subject for update")) {
				insert.setArray(1, array);
				insert.executeUpdate();
				select.setArray(1, array);
				try (var result = select.executeQuery()) {
					while (result.next()) {
						last.put(result.getString(1), result.getLong(2));
					}
				}
				return null;
			}
			finally {
				array.free();
			}
		});
		return last;
	}

	/**
	 * Raises the last applied sequence of subjects; never lowers it.
	 * @param highest subject to the highest sequence applied in this transaction
	 */
	void advance(Map<String, Long> highest) {
		if (highest.isEmpty()) {
			return;
		}
		String[] subjects = highest.keySet().stream().sorted().toArray(String[]::new);
		Long[] sequences = new Long[subjects.length];
		for (int i = 0; i < subjects.length; i++) {
			sequences[i] = highest.get(subjects[i]);
		}
		this.jdbc.execute((Connection connection) -> {
			Array subjectArray = connection.createArrayOf("text", subjects);
			Array sequenceArray = connection.createArrayOf("bigint", sequences);
			try (var statement = connection.prepareStatement("""
					insert into event_sequence (subject, last_sequence)
					select * from unnest(?::text[], ?::bigint[])
					on conflict (subject) do update
					set last_sequence = greatest(event_sequence.last_sequence, excluded.last_sequence),
					    updated_at = now()""")) {
				statement.setArray(1, subjectArray);
				statement.setArray(2, sequenceArray);
				statement.executeUpdate();
				return null;
			}
			finally {
				subjectArray.free();
				sequenceArray.free();
			}
		});
	}

}
