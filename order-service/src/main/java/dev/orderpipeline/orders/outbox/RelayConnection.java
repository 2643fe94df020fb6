package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay's own PostgreSQL session, outside the request pool. Whoever holds the
 * session-level advisory lock on it is the active relay; the lock goes away with the
 * session, so a relay that dies (or whose connection dies) hands over without anyone
 * having to notice.
 */
final class RelayConnection implements AutoCloseable {

	static final String CHANNEL = "order_outbox";

	private final Connection connection;

	private final long lockKey;

	private final int backendPid;

	private RelayConnection(Connection connection, long lockKey) throws SQLException {
		this.connection = connection;
		this.lockKey = lockKey;
		this.backendPid = queryInt("select pg_backend_pid()");
	}

	static RelayConnection open(String url, String user, String password, long lockKey) throws SQLException {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("ApplicationName", "order-service outbox relay");
		// A dead server or network must surface as an error, not as a relay stuck forever
		// on a socket read while it believes it is active.
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("socketTimeout", "30");
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("options", "-c statement_timeout=10000");
		Connection connection = DriverManager.getConnection(url, properties);
		connection.setAutoCommit(true);
		return new RelayConnection(connection, lockKey);
	}

	/**
	 * @return whether this session now holds the relay lock (it may already have)
	 */
	boolean tryLock() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("select pg_try_advisory_lock(?)")) {
			statement.setLong(1, this.lockKey);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	/** Receives the relay channel's notifications from now on (the active relay does). */
	void listen() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("listen " + CHANNEL);
		}
	}

	/**
	 * Wakes the active relay, wherever it runs (a standby relay does, for its instance).
	 */
	void notifyActiveRelay() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("select pg_notify('" + CHANNEL + "', '')");
		}
	}

	/**
	 * Whether a notification arrived since the last call. Reads what the server has
	 * already sent, without waiting.
	 */
	boolean notified() throws SQLException {
		PGNotification[] notifications = this.connection.unwrap(PGConnection.class).getNotifications();
		return notifications != null && notifications.length > 0;
	}

	Connection jdbc() {
		return this.connection;
	}

	int backendPid() {
		return this.backendPid;
	}

	private int queryInt(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/** Ends the session, and with it the lock. */
	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// The session is gone either way.
		}
	}

}
