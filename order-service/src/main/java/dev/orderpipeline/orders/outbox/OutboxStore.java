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

	/** The oldest unparked rows, in publication order. */
	List<OutboxRow> nextBatch(Connection connection, int limit) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				select id, event_id, order_id, event_type, payload, headers::text, created_at
				  from outbox_event
				 where parked_at is null
				 order by id
				 limit ?""")) {
			statement.setInt(1, limit);
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

	/** Removes the rows the broker has acknowledged, in one statement. */
	void deletePublished(Connection connection, List<Long> ids) throws SQLException {
		if (ids.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
			statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
			statement.executeUpdate();
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
