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

	private final PostgresServer postgres;

	private final KafkaCluster kafka;

	private LocalInfrastructure(PostgresServer postgres, KafkaCluster kafka) {
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
	 * @param kafkaBrokers how many Kafka nodes: 1, or 3 for a cluster that survives the
	 * loss of one (node {@code i} listens on {@code kafkaPort + 2(i-1)}, its controller
	 * on {@code kafkaControllerPort + 2(i-1)})
	 */
	public record Settings(Path workDirectory, boolean keepData, PostgresServer.Durability durability, int postgresPort,
			int kafkaPort, int kafkaControllerPort, List<String> databases, int kafkaBrokers) {

		public Settings {
			if (kafkaBrokers < 1) {
				throw new IllegalArgumentException("kafkaBrokers must be at least 1, not " + kafkaBrokers);
			}
		}

		/** One Kafka broker, as the local run and the tests have by default. */
		public Settings(Path workDirectory, boolean keepData, PostgresServer.Durability durability, int postgresPort,
				int kafkaPort, int kafkaControllerPort, List<String> databases) {
			this(workDirectory, keepData, durability, postgresPort, kafkaPort, kafkaControllerPort, databases, 1);
		}

		public Settings withKafkaBrokers(int brokers) {
			return new Settings(this.workDirectory, this.keepData, this.durability, this.postgresPort, this.kafkaPort,
					this.kafkaControllerPort, this.databases, brokers);
		}

		List<Integer> kafkaPorts(int first) {
			return java.util.stream.IntStream.range(0, this.kafkaBrokers).mapToObj((i) -> first + 2 * i).toList();
		}

		/**
		 * Private, throw-away infrastructure on free ports, as the tests use. Commits are
		 * not durable here, for speed: the data dies with the test JVM anyway. No
		 * database is made up front: each test context creates its service's own by name
		 * ({@code pipeline.database-name}) with
		 * {@link PostgresServer#createDatabaseIfMissing}.
		 */
		public static Settings ephemeral() {
			try {
				Path directory = Files.createTempDirectory("order-pipeline-infra-");
				return new Settings(directory, false, PostgresServer.Durability.FAST_UNSAFE, Ports.findFree(),
						Ports.findFree(), Ports.findFree(), List.of());
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
			List<Integer> ports = settings.kafkaPorts(settings.kafkaPort());
			progress.accept("Starting Kafka (KRaft, " + ports.size() + " node(s)) on port(s) " + ports + " ...");
			KafkaCluster kafka = KafkaCluster.start(ports, settings.kafkaPorts(settings.kafkaControllerPort()),
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

	/** The (first) Kafka node; with one node, the whole of Kafka. */
	public KafkaBroker kafka() {
		return kafka.node(1);
	}

	/** Every Kafka node; its bootstrap servers name them all. */
	public KafkaCluster kafkaCluster() {
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
