package dev.orderpipeline.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node),
 * started from Kafka's own jars in a separate JVM. It can be stopped, killed and started
 * again on the same ports and log directory, which the failure tests rely on. Alone it is
 * a cluster of one; {@link KafkaCluster} starts several that form one quorum.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private final int port;

	private final int controllerPort;

	private final Path workDirectory;

	private final Path logFile;

	private final int nodeId;

	/** {@code controller.quorum.voters}: every node of the cluster. */
	private final String voters;

	/**
	 * Replicas of the internal topics (offsets, transactions): the cluster's size, up to
	 * 3.
	 */
	private final int internalReplicas;

	private final String clusterId;

	private Process process;

	private KafkaBroker(int port, int controllerPort, Path workDirectory) {
		this(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1, workDirectory, null);
	}

	KafkaBroker(int nodeId, int port, int controllerPort, String voters, int internalReplicas, Path workDirectory,
			String clusterId) {
		this.nodeId = nodeId;
		this.port = port;
		this.controllerPort = controllerPort;
		this.voters = voters;
		this.internalReplicas = internalReplicas;
		this.workDirectory = workDirectory;
		this.logFile = workDirectory.resolve("kafka.log");
		this.clusterId = clusterId;
	}

	/**
	 * Starts a broker whose data lives in {@code workDirectory}. With {@code keepData} an
	 * already formatted log directory is reused; otherwise it is wiped first.
	 */
	public static KafkaBroker start(int port, int controllerPort, Path workDirectory, boolean keepData) {
		KafkaBroker broker = new KafkaBroker(port, controllerPort, workDirectory);
		broker.prepare(keepData);
		broker.start();
		return broker;
	}

	public int nodeId() {
		return nodeId;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	public Path logFile() {
		return logFile;
	}

	public synchronized boolean isRunning() {
		return process != null && process.isAlive();
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
			process = launch(List.of("dev.orderpipeline.infra.KafkaBrokerMain", serverProperties().toString()), true);
		}
	}

	/** Controlled shutdown, as a SIGTERM from an operator would do. */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		process = null;
	}

	/** Abrupt death, as a SIGKILL or a lost machine would do. */
	public synchronized void kill() {
		if (process == null) {
			return;
		}
		try {
			process.destroyForcibly().waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		process = null;
	}

	@Override
	public void close() {
		stop();
	}

	void prepare(boolean keepData) {
		Path logDirectory = workDirectory.resolve("data");
		try {
			if (!keepData) {
				deleteRecursively(logDirectory);
			}
			Files.createDirectories(logDirectory);
			Files.writeString(serverProperties(), brokerConfig(logDirectory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format();
		}
	}

	private void format() {
		Process formatter = launch(List.of("kafka.tools.StorageTool", "format", "--cluster-id",
				(clusterId != null) ? clusterId : Uuid.randomUuid().toString(), "--config",
				serverProperties().toString()), false);
		try {
			if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
				formatter.destroyForcibly();
				throw new InfrastructureException(
						"Formatting the Kafka log directory failed; see " + logFile + ":\n" + tailOfLog());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private String brokerConfig(Path logDirectory) {
		return String
			.join("\n", "process.roles=broker,controller", "node.id=" + nodeId, "controller.quorum.voters=" + voters,
					"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
					"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
					"inter.broker.listener.name=PLAINTEXT",
					"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
					"log.dirs=" + logDirectory.toAbsolutePath(),
					// Topics are declared by the services that own them, never created by
					// accident.
					"auto.create.topics.enable=false", "num.partitions=3",
					"offsets.topic.replication.factor=" + internalReplicas, "offsets.topic.num.partitions=10",
					"transaction.state.log.replication.factor=" + internalReplicas,
					"transaction.state.log.min.isr=" + internalMinIsr(),
					"share.coordinator.state.topic.replication.factor=" + internalReplicas,
					"share.coordinator.state.topic.min.isr=" + internalMinIsr(), "group.initial.rebalance.delay.ms=0",
					// In a cluster a killed node is fenced after the session timeout
					// (default 9 s), its partitions' leadership moving to the others.
					"broker.session.timeout.ms=" + ((internalReplicas > 1) ? 6000 : 9000), "log.retention.hours=-1", "")
			.replace("\\", "/");
	}

	private int internalMinIsr() {
		return (internalReplicas >= 3) ? 2 : 1;
	}

	private Path serverProperties() {
		return workDirectory.resolve("server.properties");
	}

	private Process launch(List<String> mainAndArgs, boolean broker) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add(broker ? "-Xmx768m" : "-Xmx256m");
		command.add("-Xms128m");
		command.add("-XX:+UseG1GC");
		command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
		command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
		command.add("-cp");
		command.add(brokerClasspath());
		command.addAll(mainAndArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new InfrastructureException("Could not start a JVM for the Kafka broker: " + ex.getMessage(), ex);
		}
	}

	void awaitReady() {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new InfrastructureException("The Kafka broker exited with code " + process.exitValue()
						+ " while starting; see " + logFile + ":\n" + tailOfLog());
			}
			if (Ports.isListening(port)) {
				try (Admin admin = Admin.create(config)) {
					if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception notReadyYet) {
					// The controller is still electing itself; try again.
				}
			}
			sleepBriefly();
		}
		process.destroyForcibly();
		throw new InfrastructureException("The Kafka broker did not become ready on " + bootstrapServers() + " within "
				+ STARTUP_TIMEOUT.toSeconds() + "s; see " + logFile + ":\n" + tailOfLog());
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureException("Interrupted while waiting for the Kafka broker", ex);
		}
	}

	private String tailOfLog() {
		try {
			List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * This module's own classes (for {@link KafkaBrokerMain}) plus Kafka's jars, whose
	 * paths the build wrote to {@code kafka-broker.classpath}.
	 */
	static String brokerClasspath() {
		try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
			if (in == null) {
				throw new InfrastructureException(
						"kafka-broker.classpath is missing from local-infra; build it with ./mvnw install");
			}
			String kafkaJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
			String ownClasses = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
			return ownClasses + File.pathSeparator + kafkaJars;
		}
		catch (IOException | URISyntaxException ex) {
			throw new InfrastructureException("Could not build the Kafka broker classpath: " + ex.getMessage(), ex);
		}
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
