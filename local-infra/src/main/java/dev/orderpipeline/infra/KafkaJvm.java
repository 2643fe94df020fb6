package dev.orderpipeline.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM running Kafka's code (the broker, or its storage formatter) on this module's
 * classpath, with its output appended to a log file. A separate JVM, so a test can kill
 * the broker as a machine would lose it without taking the test down with it.
 */
final class KafkaJvm {

	private final Process process;

	private final Path logFile;

	private KafkaJvm(Process process, Path logFile) {
		this.process = process;
		this.logFile = logFile;
	}

	/** The broker: heap enough for the tests' and the benchmark's load. */
	static KafkaJvm broker(Path serverProperties, Path logFile) {
		return launch(List.of("dev.orderpipeline.infra.KafkaBrokerMain", serverProperties.toString()), "-Xmx768m",
				logFile);
	}

	/** Kafka's storage tool, formatting a log directory once before the first start. */
	static KafkaJvm storageFormatter(String clusterId, Path serverProperties, Path logFile) {
		return launch(List.of("kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config",
				serverProperties.toString()), "-Xmx256m", logFile);
	}

	private static KafkaJvm launch(List<String> mainAndArgs, String maxHeap, Path logFile) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add(maxHeap);
		command.add("-Xms128m");
		command.add("-XX:+UseG1GC");
		command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
		command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
		command.add("-cp");
		command.add(classpath());
		command.addAll(mainAndArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		try {
			return new KafkaJvm(builder.start(), logFile);
		}
		catch (IOException ex) {
			throw new InfrastructureException("Could not start a JVM for the Kafka broker: " + ex.getMessage(), ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/** Waits for the JVM to end by itself: whether it did, with exit code 0, in time. */
	boolean succeedsWithin(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && this.process.exitValue() == 0;
	}

	/**
	 * Controlled shutdown (SIGTERM, as an operator would send), forced after
	 * {@code timeout}.
	 */
	void stop(Duration timeout) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	/** Abrupt death (SIGKILL, or a lost machine); does not wait if interrupted. */
	void kill() {
		try {
			this.process.destroyForcibly().waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Kills without waiting, after a failed start. */
	void abandon() {
		this.process.destroyForcibly();
	}

	/** The last lines of the log, for an exception message that says what went wrong. */
	String tailOfLog() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
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
	static String classpath() {
		try (InputStream in = KafkaJvm.class.getResourceAsStream("kafka-broker.classpath")) {
			if (in == null) {
				throw new InfrastructureException(
						"kafka-broker.classpath is missing from local-infra; build it with ./mvnw install");
			}
			String kafkaJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
			String ownClasses = Path.of(KafkaJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
			return ownClasses + File.pathSeparator + kafkaJars;
		}
		catch (IOException | URISyntaxException ex) {
			throw new InfrastructureException("Could not build the Kafka broker classpath: " + ex.getMessage(), ex);
		}
	}

}
