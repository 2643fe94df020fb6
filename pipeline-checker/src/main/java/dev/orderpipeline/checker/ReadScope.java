package dev.orderpipeline.checker;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.UUID;

/**
 * Which rows of a consumer database a check reads: those of the covered orders and
 * events, plus (for phantoms) those written since the window's reading start.
 *
 * @param window the check's window
 * @param orderIds the covered orders
 * @param eventIds the events found on the source topic
 */
record ReadScope(CheckWindow window, Collection<UUID> orderIds, Collection<String> eventIds) {

	Array orderArray(Connection connection) throws SQLException {
		return connection.createArrayOf("uuid", this.orderIds.toArray());
	}

	Array orderTextArray(Connection connection) throws SQLException {
		return connection.createArrayOf("text", this.orderIds.stream().map(UUID::toString).toArray());
	}

	Array eventArray(Connection connection) throws SQLException {
		return connection.createArrayOf("uuid", this.eventIds.toArray());
	}

	Timestamp since() {
		return Timestamp.from(this.window.readFrom());
	}

}
