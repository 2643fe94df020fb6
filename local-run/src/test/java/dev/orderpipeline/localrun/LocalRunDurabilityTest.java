package dev.orderpipeline.localrun;

import java.nio.file.Path;
import java.sql.DriverManager;

import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunDurabilityTest {

	@TempDir
	Path work;

	@Test
	void theLocalRunsPostgresServerCommitsDurably() throws Exception {
		LocalRunOptions options = LocalRunOptions
			.parse(new String[] { "--data-dir=" + work, "--postgres-port=" + Ports.findFree(),
					"--kafka-port=" + Ports.findFree(), "--kafka-controller-port=" + Ports.findFree() });
		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(LocalRun.infrastructureSettings(options),
				System.out::println);
				var connection = DriverManager.getConnection(infrastructure.postgres().jdbcUrl("postgres"),
						PostgresServer.USER, PostgresServer.PASSWORD);
				var result = connection.createStatement()
					.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
							+ " current_setting('full_page_writes')")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).as("fsync").isEqualTo("on");
			assertThat(result.getString(2)).as("synchronous_commit").isEqualTo("on");
			assertThat(result.getString(3)).as("full_page_writes").isEqualTo("on");
		}
	}

}
