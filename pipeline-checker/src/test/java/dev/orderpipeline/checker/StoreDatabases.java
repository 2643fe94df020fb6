package dev.orderpipeline.checker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.testing.EmbeddedInfrastructure;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases with the services' real schemas, built by Flyway from each service's
 * own migrations, on the test JVM's PostgreSQL server.
 */
final class StoreDatabases {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private StoreDatabases() {
	}

	static PGSimpleDataSource orders(String suffix) {
		return create("orders_" + suffix, "order-service/src/main/resources/db/migration");
	}

	static PGSimpleDataSource consumer(String service, String suffix) {
		return create(service.split("-")[0] + "_" + suffix,
				"consumer-runtime/src/main/resources/db/migration/consumer-runtime",
				service + "/src/main/resources/db/migration");
	}

	static String newSuffix() {
		return UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
	}

	/** Runs one statement. */
	static int execute(PGSimpleDataSource dataSource, String sql, Object... parameters) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	private static PGSimpleDataSource create(String database, String... migrations) {
		LocalInfrastructure infrastructure = EmbeddedInfrastructure.get();
		String admin = infrastructure.postgres().jdbcUrl("postgres");
		try (Connection connection = DriverManager.getConnection(admin, PostgresServer.USER, PostgresServer.PASSWORD)) {
			connection.createStatement().execute("create database " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database + ": " + ex.getMessage(), ex);
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(infrastructure.postgres().jdbcUrl(database));
		dataSource.setUser(PostgresServer.USER);
		dataSource.setPassword(PostgresServer.PASSWORD);
		Flyway.configure()
			.dataSource(dataSource)
			.locations(List.of(migrations)
				.stream()
				.map((path) -> "filesystem:" + ROOT.resolve(path))
				.toArray(String[]::new))
			.load()
			.migrate();
		return dataSource;
	}

}
