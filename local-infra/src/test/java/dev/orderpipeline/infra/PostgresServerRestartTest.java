package dev.orderpipeline.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault suite stops and starts PostgreSQL under a running pipeline: a stopped server
 * refuses connections, and started again on the same port it has every committed row.
 */
class PostgresServerRestartTest {

	@Test
	void aStoppedServerStartsAgainWithItsCommittedData() throws Exception {
		Path directory = Files.createTempDirectory("postgres-restart-test-");
		int port = Ports.findFree();
		try (PostgresServer server = PostgresServer.start(port, directory, true, PostgresServer.Durability.FAST_UNSAFE,
				List.of("restart"))) {
			try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
				statement.execute("create table kept (id int primary key)");
				statement.execute("insert into kept values (42)");
			}

			server.stop();

			assertThat(server.isRunning()).isFalse();
			assertThatThrownBy(() -> connect(server).close()).isInstanceOf(SQLException.class);

			server.start();

			try (Connection connection = connect(server);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select id from kept")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getInt(1)).isEqualTo(42);
			}
		}
	}

	@Test
	void aThrowAwayServerRefusesToStopRatherThanLoseItsData() throws Exception {
		Path directory = Files.createTempDirectory("postgres-throwaway-test-");
		try (PostgresServer server = PostgresServer.start(Ports.findFree(), directory, false,
				PostgresServer.Durability.FAST_UNSAFE, List.of())) {
			assertThatThrownBy(server::stop).isInstanceOf(IllegalStateException.class);
			assertThat(server.isRunning()).isTrue();
		}
	}

	private static Connection connect(PostgresServer server) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl("restart"), PostgresServer.USER, PostgresServer.PASSWORD);
	}

}
