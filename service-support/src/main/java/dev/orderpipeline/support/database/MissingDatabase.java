package dev.orderpipeline.support.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the database a PostgreSQL JDBC URL names, by connecting to the same server's
 * {@code postgres} maintenance database, unless it exists.
 */
final class MissingDatabase {

	private static final Logger log = LoggerFactory.getLogger(MissingDatabase.class);

	/** {@code jdbc:postgresql://hosts/database?parameters}: the database and the rest. */
	private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(\\?.*)?");

	/** A plain name needs no quoting rules beyond this check. */
	private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/** SQLSTATE duplicate_database: another instance created it first. */
	private static final String DUPLICATE_DATABASE = "42P04";

	/** SQLSTATE unique_violation, on pg_database's name index, for the same race. */
	private static final String UNIQUE_VIOLATION = "23505";

	private MissingDatabase() {
	}

	static void createIfMissing(String jdbcUrl, String username, String password) {
		Matcher url = POSTGRES_URL.matcher(jdbcUrl);
		if (!url.matches()) {
			log.warn("pipeline.database.create-if-missing is on, but {} is not a PostgreSQL URL with a database: "
					+ "nothing created", jdbcUrl);
			return;
		}
		String database = url.group(2);
		if (!PLAIN_NAME.matcher(database).matches()) {
			throw new IllegalStateException("Not creating database '" + database
					+ "': only plain lower-case names (letters, digits, _) are created on demand");
		}
		String maintenanceUrl = url.group(1) + "postgres" + ((url.group(3) != null) ? url.group(3) : "");
		try (Connection connection = DriverManager.getConnection(maintenanceUrl, username, password)) {
			if (exists(connection, database)) {
				return;
			}
			try (Statement create = connection.createStatement()) {
				create.execute("create database " + database);
				log.info("Created database {}", database);
			}
		}
		catch (SQLException ex) {
			if (DUPLICATE_DATABASE.equals(ex.getSQLState()) || UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				return;
			}
			throw new IllegalStateException("Could not create database " + database + " on demand: " + ex.getMessage(),
					ex);
		}
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			query.setString(1, database);
			return query.executeQuery().next();
		}
	}

}
