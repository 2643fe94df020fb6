package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which relay of all instances publishes: the one whose database session holds the
 * advisory lock. Owns that session (opened on demand, closed on any doubt), listens on it
 * for other instances' nudges once leading, and forwards this instance's nudges to the
 * leader while standing by. Never used by two threads at once: only the relay's thread
 * calls it, except {@link #backendPid()}.
 */
final class RelayLeadership {

	private static final Logger logger = LoggerFactory.getLogger(RelayLeadership.class);

	private final ConnectionFactory connections;

	private volatile RelayConnection connection;

	private boolean leading;

	RelayLeadership(ConnectionFactory connections) {
		this.connections = connections;
	}

	/**
	 * Takes the lead if nobody has it.
	 * @return whether this relay leads now
	 */
	boolean tryToLead() {
		if (this.leading) {
			return true;
		}
		try {
			RelayConnection session = session();
			if (!session.tryLock()) {
				return false;
			}
			session.listen();
			this.leading = true;
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Outbox relay cannot reach the database", ex);
			resign();
			return false;
		}
	}

	boolean isLeading() {
		return this.leading;
	}

	/** Ends the session, and with it the lock and any doubt about who leads. */
	void resign() {
		this.leading = false;
		RelayConnection current = this.connection;
		this.connection = null;
		if (current != null) {
			current.close();
		}
	}

	/** The leader's session, for the statements that must run under the lock. */
	Connection jdbc() {
		return this.connection.jdbc();
	}

	/** Keeps the session alive while the leader waits (for the broker, or to retry). */
	void heartbeat() throws SQLException {
		this.connection.heartbeat();
	}

	/** Whether another instance's relay nudged the leader since the last call. */
	boolean notified() throws SQLException {
		return this.connection.notified();
	}

	/**
	 * Passes this instance's nudge on to the leader as a PostgreSQL notification, outside
	 * any order transaction (NOTIFY inside them would serialise their commits).
	 */
	void nudgeLeader() {
		try {
			session().notifyActiveRelay();
		}
		catch (SQLException ex) {
			logger.debug("Could not notify the active relay", ex);
			resign();
		}
	}

	/**
	 * @return the PostgreSQL backend pid of the relay's session, or -1 without one
	 */
	int backendPid() {
		RelayConnection current = this.connection;
		return (current != null) ? current.backendPid() : -1;
	}

	private RelayConnection session() throws SQLException {
		if (this.connection == null) {
			this.connection = this.connections.open();
		}
		return this.connection;
	}

	/** Opens the relay's dedicated database session. */
	@FunctionalInterface
	interface ConnectionFactory {

		RelayConnection open() throws SQLException;

	}

}
