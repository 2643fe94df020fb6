package dev.orderpipeline.orders.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay's own PostgreSQL session, outside the request pool. Whoever holds the
 * session-level advisory lock on it is the active relay; the lock goes away with the
 * session.
 * <p>
 * A session also outlives a relay that cannot end it: a frozen process (its kernel still
 * acknowledges every packet), a host that froze, a network that silently drops. So the
 * server is told to end the session by itself once it has heard nothing for the session
 * timeout: {@code idle_session_timeout} catches the frozen process and a dropping path
 * (the server then sees an idle session), TCP keepalives and {@code tcp_user_timeout}
 * catch a dead peer host. The relay, for its part, gives a session up that has not
 * answered within the same time ({@code socketTimeout}).
 */
final class RelayConnection implements AutoCloseable {

	static final String CHANNEL = OutboxNotifications.CHANNEL;

	private final Connection connection;

	private final long lockKey;

	private final int backendPid;

	private RelayConnection(Connection connection, long lockKey) throws SQLException {
		this.connection = connection;
		this.lockKey = lockKey;
		this.backendPid = queryInt("select pg_backend_pid()");
	}

	static RelayConnection open(String url, String user, String password, long lockKey, Duration sessionTimeout,
			String applicationName) throws SQLException {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("ApplicationName", applicationName);
		long timeoutMillis = sessionTimeout.toMillis();
		int timeoutSeconds = (int) Math.max(1, sessionTimeout.toSeconds());
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
		properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
		properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
		// A statement is cancelled by the server before the relay stops waiting for it.
		long keepaliveCount = Math.max(1, timeoutSeconds - 1);
		properties.setProperty("options",
				String.join(" ", "-c statement_timeout=" + (timeoutMillis * 4 / 5),
						"-c idle_session_timeout=" + timeoutMillis, "-c tcp_user_timeout=" + timeoutMillis,
						"-c tcp_keepalives_idle=1", "-c tcp_keepalives_interval=1",
						"-c tcp_keepalives_count=" + keepaliveCount));
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

	/** Shows the server the relay is alive, so it keeps the session (and the lock). */
	void heartbeat() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("select 1");
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
