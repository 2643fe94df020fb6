package dev.orderpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node),
 * started from Kafka's own jars in a separate JVM. It can be stopped, killed and started
 * again on the same ports and log directory, which the failure tests rely on. Alone it is
 * a cluster of one; {@link KafkaCluster} starts several that form one quorum.
 * <p>
 * This class owns the node's lifecycle; its configuration is
 * {@link KafkaServerProperties}, its process {@link KafkaJvm}, and the wait for it to
 * serve {@link BrokerReadiness}.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

	private final KafkaServerProperties properties;

	private final Path workDirectory;

	private final Path logFile;

	/** Shared by every node of a cluster; {@code null} for a single broker. */
	private final String clusterId;

	private KafkaJvm process;

	KafkaBroker(KafkaServerProperties properties, Path workDirectory, String clusterId) {
		this.properties = properties;
		this.workDirectory = workDirectory;
		this.logFile = workDirectory.resolve("kafka.log");
		this.clusterId = clusterId;
	}

	/**
	 * Starts a broker whose data lives in {@code workDirectory}. With {@code keepData} an
	 * already formatted log directory is reused; otherwise it is wiped first.
	 */
	public static KafkaBroker start(int port, int controllerPort, Path workDirectory, boolean keepData) {
		KafkaServerProperties alone = new KafkaServerProperties(1, port, controllerPort,
				"1@127.0.0.1:" + controllerPort, 1);
		KafkaBroker broker = new KafkaBroker(alone, workDirectory, null);
		broker.prepare(keepData);
		broker.start();
		return broker;
	}

	public int nodeId() {
		return this.properties.nodeId();
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port();
	}

	public int port() {
		return this.properties.port();
	}

	public Path logFile() {
		return this.logFile;
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * The broker JVM's process id while it runs, for the fault suite's frozen process
	 * (SIGSTOP, then SIGCONT).
	 */
	public synchronized java.util.OptionalLong pid() {
		return isRunning() ? java.util.OptionalLong.of(this.process.pid()) : java.util.OptionalLong.empty();
	}

	/** Starts the broker process again after {@link #stop()} or {@link #kill()}. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		launchBroker();
		awaitReady();
	}

	/**
	 * Starts the process without waiting: the nodes of a cluster become ready only once a
	 * quorum of them runs.
	 */
	synchronized void launchBroker() {
		if (!isRunning()) {
			this.process = KafkaJvm.broker(serverProperties(), this.logFile);
		}
	}

	void awaitReady() {
		BrokerReadiness.await(this.process, port(), bootstrapServers(), this.logFile);
	}

	/** Controlled shutdown, as a SIGTERM from an operator would do. */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.stop(SHUTDOWN_TIMEOUT);
		this.process = null;
	}

	/** Abrupt death, as a SIGKILL or a lost machine would do. */
	public synchronized void kill() {
		if (this.process == null) {
			return;
		}
		this.process.kill();
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Writes the configuration and formats the log directory unless it already holds a
	 * formatted one that {@code keepData} asks to reuse.
	 */
	void prepare(boolean keepData) {
		Path logDirectory = this.workDirectory.resolve("data");
		try {
			if (!keepData) {
				deleteRecursively(logDirectory);
			}
			Files.createDirectories(logDirectory);
			this.properties.writeTo(serverProperties(), logDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format();
		}
	}

	private void format() {
		KafkaJvm formatter = KafkaJvm.storageFormatter(
				(this.clusterId != null) ? this.clusterId : Uuid.randomUuid().toString(), serverProperties(),
				this.logFile);
		try {
			if (!formatter.succeedsWithin(FORMAT_TIMEOUT)) {
				formatter.abandon();
				throw new InfrastructureException("Formatting the Kafka log directory failed; see " + this.logFile
						+ ":\n" + formatter.tailOfLog());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private Path serverProperties() {
		return this.workDirectory.resolve("server.properties");
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
