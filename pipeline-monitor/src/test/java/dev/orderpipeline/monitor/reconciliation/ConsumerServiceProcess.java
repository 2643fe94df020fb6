package dev.orderpipeline.monitor.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real consumer service, run from its executable jar in a JVM of its own (as the local
 * run and production run it), its output in a log file under {@code target/}.
 */
final class ConsumerServiceProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ConsumerServiceProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * @param jarProperty the system property holding the jar's path (set by the build)
	 * @param name names the log file
	 * @param properties Spring properties, passed as {@code --name=value}
	 */
	static ConsumerServiceProcess start(String jarProperty, String name, Map<String, String> properties) {
		String jar = System.getProperty(jarProperty);
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("System property " + jarProperty + " must name the service's executable "
					+ "jar (the build sets it; was " + jar + ")");
		}
		try {
			Path logs = Files.createDirectories(Path.of("target", "consumer-services"));
			Path log = logs.resolve(name + ".log");
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms64m", "-Xmx384m",
							"-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=0", "--server.address=127.0.0.1",
							"--pipeline.exit-with-parent=true"));
			properties.forEach((key, value) -> command.add("--" + key + "=" + value));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ConsumerServiceProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The end of its log, for a failure message. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
