package dev.orderpipeline.support.database;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's database created on demand, on a real PostgreSQL server. */
class DatabaseOnDemandTest {

	@TempDir
	static Path data;

	private static PostgresServer postgres;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, DatabaseOnDemandAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=" + PostgresServer.USER,
				"spring.datasource.password=" + PostgresServer.PASSWORD);

	@BeforeAll
	static void startPostgres() {
		// As LocalInfrastructure does: a data directory the server makes itself, on a
		// port found free and released (not held open while the server binds it).
		postgres = PostgresServer.start(Ports.findFree(), data.resolve("postgres"), false,
				PostgresServer.Durability.FAST_UNSAFE, List.of());
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@Test
	void aServiceWithTheSwitchOnCreatesItsDatabaseBeforeItFirstConnectsAndFindsItThereNextTime() {
		for (int start = 1; start <= 2; start++) {
			this.contexts
				.withPropertyValues("pipeline.database.create-if-missing=true",
						"spring.datasource.url=" + postgres.jdbcUrl("points") + "?ApplicationName=test")
				.run((context) -> assertThat(currentDatabase(context.getBean(DataSource.class))).isEqualTo("points"));
		}
	}

	@Test
	void withoutTheSwitchAMissingDatabaseIsAnError() {
		this.contexts.withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl("never_created"))
			.run((context) -> assertThatThrownBy(() -> currentDatabase(context.getBean(DataSource.class)))
				.hasStackTraceContaining("\"never_created\" does not exist"));
	}

	@Test
	void instancesStartingTogetherBothGetTheDatabase() throws Exception {
		CyclicBarrier together = new CyclicBarrier(2);
		Runnable start = () -> {
			await(together);
			MissingDatabase.createIfMissing(postgres.jdbcUrl("raced"), PostgresServer.USER, PostgresServer.PASSWORD);
		};
		CompletableFuture.allOf(CompletableFuture.runAsync(start), CompletableFuture.runAsync(start)).get();
		this.contexts.withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl("raced"))
			.run((context) -> assertThat(currentDatabase(context.getBean(DataSource.class))).isEqualTo("raced"));
	}

	@Test
	void onlyPlainNamesAreCreated() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MissingDatabase.createIfMissing(postgres.jdbcUrl("Drop\";--"), PostgresServer.USER,
					PostgresServer.PASSWORD))
			.withMessageContaining("only plain lower-case names");
	}

	private static String currentDatabase(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForObject("select current_database()", String.class);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
