package dev.orderpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * PostgreSQL and Kafka, started together. The one piece of code behind both the test
 * suites and the local run.
 */
public final class LocalInfrastructure implements AutoCloseable {

	/** The databases of the four services, one each. */
	public static final List<String> SERVICE_DATABASES = List.of("orders", "notifications", "analytics", "search");

	private final PostgresServer postgres;

	private final KafkaBroker kafka;

	private LocalInfrastructure(PostgresServer postgres, KafkaBroker kafka) {
		this.postgres = postgres;
		this.kafka = kafka;
	}

	/**
	 * Where and how to run.
	 *
	 * @param workDirectory holds PostgreSQL's data directory and Kafka's log directory
	 * @param keepData reuse data from an earlier start instead of starting empty
	 * @param durability PostgreSQL's commit durability
	 * @param databases created at start unless they exist; more can be made on demand
	 * with {@link PostgresServer#createDatabaseIfMissing}
	 */
	public record Settings(Path workDirectory, boolean keepData, PostgresServer.Durability durability, int postgresPort,
			int kafkaPort, int kafkaControllerPort, List<String> databases) {

		/**
		 * Private, throw-away infrastructure on free ports, as the tests use. Commits are
		 * not durable here, for speed: the data dies with the test JVM anyway.
		 */
		public static Settings ephemeral() {
			try {
				Path directory = Files.createTempDirectory("order-pipeline-infra-");
				return new Settings(directory, false, PostgresServer.Durability.FAST_UNSAFE, Ports.findFree(),
						Ports.findFree(), Ports.findFree(), SERVICE_DATABASES);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	public static LocalInfrastructure start(Settings settings, Consumer<String> progress) {
		progress.accept("Starting PostgreSQL on port " + settings.postgresPort() + " ...");
		PostgresServer postgres = PostgresServer.start(settings.postgresPort(),
				settings.workDirectory().resolve("postgres"), settings.keepData(), settings.durability(),
				settings.databases());
		progress.accept("PostgreSQL is up: " + postgres.jdbcUrl("<database>"));
		try {
			progress.accept("Starting Kafka (KRaft) on port " + settings.kafkaPort() + " ...");
			KafkaBroker kafka = KafkaBroker.start(settings.kafkaPort(), settings.kafkaControllerPort(),
					settings.workDirectory().resolve("kafka"), settings.keepData());
			progress.accept("Kafka is up: " + kafka.bootstrapServers());
			return new LocalInfrastructure(postgres, kafka);
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	public PostgresServer postgres() {
		return postgres;
	}

	public KafkaBroker kafka() {
		return kafka;
	}

	@Override
	public void close() {
		try {
			kafka.close();
		}
		finally {
			postgres.close();
		}
	}

}
