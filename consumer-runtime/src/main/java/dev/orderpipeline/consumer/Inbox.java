package dev.orderpipeline.consumer;

import java.sql.Array;
import java.sql.Connection;
import java.util.Collection;
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
	 * Which of these events this group has applied. Only this decides "already applied":
	 * an event whose sequence is not above the order's last one was never applied unless
	 * its id is here.
	 * @param eventIds canonical event ids
	 * @return the ids found in the inbox
	 */
	Set<String> applied(Collection<String> eventIds) {
		Set<String> found = new HashSet<>();
		if (eventIds.isEmpty()) {
			return found;
		}
		this.jdbc.execute((Connection connection) -> {
			Array array = connection.createArrayOf("uuid", eventIds.toArray());
			try (var statement = connection
				.prepareStatement("select event_id::text from processed_event where event_id = any(?)")) {
				statement.setArray(1, array);
				try (var result = statement.executeQuery()) {
					while (result.next()) {
						found.add(result.getString(1));
					}
				}
				return null;
			}
			finally {
				array.free();
			}
		});
		return found;
	}

	/**
	 * Records applied events; one statement for them all. The caller holds the orders'
	 * sequence locks and has checked {@link #applied}, so nothing conflicts; a conflict
	 * would still change nothing.
	 * @param events the events applied in this transaction
	 */
	void record(List<DecodedRecord> events) {
		if (events.isEmpty()) {
			return;
		}
		String[] ids = new String[events.size()];
		String[] types = new String[events.size()];
		String[] subjects = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			ids[i] = events.get(i).eventId();
			types[i] = events.get(i).eventType();
			subjects[i] = events.get(i).incoming().event().subject();
		}
		this.jdbc.execute((Connection connection) -> {
			Array idArray = connection.createArrayOf("uuid", ids);
			Array typeArray = connection.createArrayOf("text", types);
			Array subjectArray = connection.createArrayOf("text", subjects);
			try (var statement = connection.prepareStatement("""
					insert into processed_event (event_id, event_type, order_id)
					select * from unnest(?::uuid[], ?::text[], ?::text[])
					on conflict (event_id) do nothing""")) {
				statement.setArray(1, idArray);
				statement.setArray(2, typeArray);
				statement.setArray(3, subjectArray);
				statement.executeUpdate();
				return null;
			}
			finally {
				idArray.free();
				typeArray.free();
				subjectArray.free();
			}
		});
	}

}
