package dev.orderpipeline.consumer;

import java.sql.Array;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code processed_event}: one row per event id this group has applied. The
 * insert runs in the same transaction as the handler's effect, so a redelivered event is
 * recognised and changes nothing, and an effect never commits without its row.
 */
final class Inbox {

	private final JdbcTemplate jdbc;

	Inbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a batch of events; one statement for the whole batch.
	 * @param events the decoded events
	 * @return the ids that were not in the inbox before (now inserted)
	 */
	Set<String> insertNew(List<DecodedRecord> events) {
		String[] ids = new String[events.size()];
		String[] types = new String[events.size()];
		String[] subjects = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			ids[i] = events.get(i).eventId();
			types[i] = events.get(i).eventType();
			subjects[i] = events.get(i).incoming().event().subject();
		}
		return this.jdbc.execute((Connection connection) -> {
			Array idArray = connection.createArrayOf("uuid", ids);
			Array typeArray = connection.createArrayOf("text", types);
			Array subjectArray = connection.createArrayOf("text", subjects);
			try (var statement = connection.prepareStatement("""
					insert into processed_event (event_id, event_type, order_id)
					select * from unnest(?::uuid[], ?::text[], ?::text[])
					on conflict (event_id) do nothing
					returning event_id""")) {
				statement.setArray(1, idArray);
				statement.setArray(2, typeArray);
				statement.setArray(3, subjectArray);
				Set<String> inserted = new HashSet<>();
				try (var result = statement.executeQuery()) {
					while (result.next()) {
						inserted.add(result.getString(1));
					}
				}
				return inserted;
			}
			finally {
				idArray.free();
				typeArray.free();
				subjectArray.free();
			}
		});
	}

}
