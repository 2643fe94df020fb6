package dev.orderpipeline.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central, with one database
 * per service. The server is a separate postgres process; this object only owns it.
 */
public final class PostgresServer implements AutoCloseable {

	public static final String USER = "postgres";

	public static final String PASSWORD = "postgres";

	private final int port;

	private final Path dataDirectory;

	private final Durability durability;

	private final boolean keepData;

	/** The running server; null while {@link #stop() stopped}. */
	private EmbeddedPostgres postgres;

	private PostgresServer(int port, Path dataDirectory, Durability durability, boolean keepData) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.durability = durability;
		this.keepData = keepData;
	}

	/**
	 * Starts PostgreSQL on the given port. With {@code keepData} the data directory is
	 * reused across starts; otherwise it is wiped first.
	 * @param durability whether a commit waits for its WAL to reach the disk
	 */
	public static PostgresServer start(int port, Path dataDirectory, boolean keepData, Durability durability,
			Collection<String> databases) {
		Objects.requireNonNull(dataDirectory, "dataDirectory");
		Objects.requireNonNull(durability, "durability");
		PostgresServer server = new PostgresServer(port, dataDirectory, durability, keepData);
		server.launch(keepData);
		try {
			server.createMissingDatabases(databases);
		}
		catch (SQLException ex) {
			server.close();
			throw new InfrastructureException("Could not create the databases " + databases + ": " + ex.getMessage(),
					ex);
		}
		return server;
	}

	private synchronized void launch(boolean keepData) {
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(!keepData)
				// Enough connections for four services' pools plus load tests.
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "256MB")
				.setServerConfig("listen_addresses", "127.0.0.1")
				// Set both ways on purpose: the embedded binaries default to the test
				// setting (synchronous_commit off), which a kept data directory must not
				// inherit.
				.setServerConfig("fsync", this.durability.setting())
				.setServerConfig("synchronous_commit", this.durability.setting())
				.setServerConfig("full_page_writes", this.durability.setting())
				.start();
		}
		catch (IOException ex) {
			throw new InfrastructureException(
					"PostgreSQL (embedded binaries) did not start on port " + this.port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the server gracefully (a fast shutdown: open sessions are ended, committed
	 * data stays), for the fault suite; {@link #start()} brings it back on the same port
	 * and data. Only a server that keeps its data can: the embedded server deletes a
	 * throw-away data directory when it stops.
	 */
	public synchronized void stop() {
		if (!this.keepData) {
			throw new IllegalStateException("A throw-away PostgreSQL server loses its data when stopped");
		}
		shutdown();
	}

	private synchronized void shutdown() {
		if (this.postgres != null) {
			EmbeddedPostgres running = this.postgres;
			this.postgres = null;
			try {
				running.close();
			}
			catch (IOException ex) {
				throw new InfrastructureException("PostgreSQL did not stop cleanly: " + ex.getMessage(), ex);
			}
		}
	}

	/** Starts a {@link #stop() stopped} server again on its port and data directory. */
	public synchronized void start() {
		if (this.postgres == null) {
			launch(true);
		}
	}

	public synchronized boolean isRunning() {
		return this.postgres != null;
	}

	public int port() {
		return port;
	}

	/**
	 * Creates the database unless it exists: a service's database follows from its
	 * {@code pipeline.database-name}, not from a list kept here.
	 */
	public void createDatabaseIfMissing(String database) {
		try {
			createMissingDatabases(java.util.List.of(database));
		}
		catch (SQLException ex) {
			throw new InfrastructureException("Could not create database " + database + ": " + ex.getMessage(), ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private synchronized void createMissingDatabases(Collection<String> databases) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
			for (String database : databases) {
				if (!database.matches("[a-z][a-z0-9_]*")) {
					throw new IllegalArgumentException("Not a plain database name: " + database);
				}
				try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
					exists.setString(1, database);
					if (exists.executeQuery().next()) {
						continue;
					}
				}
				try (var create = connection.createStatement()) {
					create.execute("create database " + database);
				}
			}
		}
	}

	/**
	 * How a commit is made durable.
	 */
	public enum Durability {

		/**
		 * fsync and synchronous_commit on: data that is kept, and figures that are
		 * compared.
		 */
		DURABLE("on"),

		/**
		 * fsync and synchronous_commit off: throw-away test data, for speed. A crash
		 * loses or corrupts it, which no test minds because each starts empty.
		 */
		FAST_UNSAFE("off");

		private final String setting;

		Durability(String setting) {
			this.setting = setting;
		}

		String setting() {
			return setting;
		}

	}

	@Override
	public void close() {
		shutdown();
	}

}
