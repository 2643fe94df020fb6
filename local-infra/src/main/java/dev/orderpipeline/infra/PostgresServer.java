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

	private final EmbeddedPostgres postgres;

	private final int port;

	private PostgresServer(EmbeddedPostgres postgres, int port) {
		this.postgres = postgres;
		this.port = port;
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
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(!keepData)
				// Enough connections for four services' pools plus load tests.
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "256MB")
				.setServerConfig("listen_addresses", "127.0.0.1")
				// Set both ways on purpose: the embedded binaries default to the test
				// setting (synchronous_commit off), which a kept data directory must not
				// inherit.
				.setServerConfig("fsync", durability.setting())
				.setServerConfig("synchronous_commit", durability.setting())
				.setServerConfig("full_page_writes", durability.setting())
				.start();
			PostgresServer server = new PostgresServer(postgres, port);
			server.createMissingDatabases(databases);
			return server;
		}
		catch (IOException | SQLException ex) {
			throw new InfrastructureException(
					"PostgreSQL (embedded binaries) did not start on port " + port + ": " + ex.getMessage(), ex);
		}
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
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new InfrastructureException("PostgreSQL did not stop cleanly: " + ex.getMessage(), ex);
		}
	}

}
