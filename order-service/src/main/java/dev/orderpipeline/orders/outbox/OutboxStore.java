package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay's statements on {@code outbox_event}. They run on the relay's own connection,
 * the one holding the advisory lock, so a relay that has lost its lock cannot delete or
 * park anything any more.
 */
class OutboxStore {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JsonMapper json;

	OutboxStore(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Deletes the rows of the last committed batch and reads the oldest unparked rows
	 * after them, in one round trip.
	 * @param connection the relay's session
	 * @param published ids of rows now on Kafka, to delete
	 * @param inFlight ids of rows being published right now, to leave out
	 * @param limit most rows to read
	 * @return the rows, in publication order
	 */
	List<OutboxRow> deleteAndReadNext(Connection connection, List<Long> published, List<Long> inFlight, int limit)
			throws SQLException {
		// The select sees the table as it was before the delete (one snapshot), so the
		// deleted rows are left out by id as well. A row with a lower id than those in
		// flight may have committed since; it is read now, which keeps each order's
		// events in order: an order's later event is only written once its earlier one
		// has committed.
		try (PreparedStatement statement = connection.prepareStatement("""
				with published as (delete from outbox_event where id = any(?))
				select id, event_id, order_id, event_type, payload, headers::text, created_at
				  from outbox_event
				 where parked_at is null and id <> all(?)
				 order by id
				 limit ?""")) {
			statement.setArray(1, connection.createArrayOf("bigint", published.toArray()));
			List<Long> leftOut = new ArrayList<>(published.size() + inFlight.size());
			leftOut.addAll(published);
			leftOut.addAll(inFlight);
			statement.setArray(2, connection.createArrayOf("bigint", leftOut.toArray()));
			statement.setInt(3, limit);
			List<OutboxRow> rows = new ArrayList<>(limit);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
							rs.getString(4), rs.getBytes(5), this.json.readValue(rs.getString(6), HEADERS),
							rs.getObject(7, OffsetDateTime.class).toInstant()));
				}
			}
			return rows;
		}
	}

	/** Sets a row aside that the broker will never accept, with the reason. */
	void park(Connection connection, long id, String error) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("update outbox_event set parked_at = clock_timestamp(), last_error = ? where id = ?")) {
			statement.setString(1, error);
			statement.setLong(2, id);
			statement.executeUpdate();
		}
	}

}
