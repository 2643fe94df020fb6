package dev.orderpipeline.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service running as its own JVM from its executable jar, with its output in a log
 * file.
 */
final class ServiceProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/**
	 * Instance {@code i} of a service listens on its port + (i - 1) times this, so a
	 * second instance of every service finds a free port beside the first's.
	 */
	static final int INSTANCE_PORT_STEP = 100;

	private final ServiceDefinition definition;

	private final int instance;

	private final int port;

	private final Path logFile;

	private final Process process;

	private ServiceProcess(ServiceDefinition definition, int instance, int port, Path logFile, Process process) {
		this.definition = definition;
		this.instance = instance;
		this.port = port;
		this.logFile = logFile;
		this.process = process;
	}

	static ServiceProcess start(ServiceDefinition definition, Map<String, Integer> ports, Path repositoryRoot,
			Path logDirectory, List<String> infrastructureArguments, Map<String, String> secrets) throws IOException {
		return start(definition, 1, ports, repositoryRoot, logDirectory, infrastructureArguments, secrets);
	}

	/**
	 * Instance {@code instance} (from 1) of the service; see {@link #INSTANCE_PORT_STEP}.
	 */
	static ServiceProcess start(ServiceDefinition definition, int instance, Map<String, Integer> ports,
			Path repositoryRoot, Path logDirectory, List<String> infrastructureArguments, Map<String, String> secrets)
			throws IOException {
		int port = ports.get(definition.name()) + INSTANCE_PORT_STEP * (instance - 1);
		Path jar = executableJar(repositoryRoot.resolve(definition.name()).resolve("target"));
		Path logFile = logDirectory.resolve(label(definition.name(), instance) + ".log");
		List<String> command = new ArrayList<>(niceCommand(definition.priority()));
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m",
				"-Xmx768m", "-jar", jar.toString(), "--server.port=" + port,
				// Local only: nothing on the network reaches the demo services.
				"--server.address=127.0.0.1", "--pipeline.exit-with-parent=true"));
		command.addAll(infrastructureArguments);
		command.addAll(definition.arguments().apply(ports));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		// Secrets go in the environment: a command line is visible to every user in ps.
		builder.environment().putAll(secrets);
		Process process = builder.start();
		return new ServiceProcess(definition, instance, port, logFile, process);
	}

	/** {@code name} for the first instance, {@code name-2} for the second and so on. */
	static String label(String name, int instance) {
		return (instance == 1) ? name : name + "-" + instance;
	}

	/**
	 * {@code nice -n N}, which execs the JVM (one process, one pid, so stopping it stays
	 * a signal to the JVM), or nothing for the request path.
	 */
	private static List<String> niceCommand(ServiceDefinition.CpuPriority priority) {
		if (priority.niceness() == 0) {
			return List.of();
		}
		return Stream.of("/usr/bin/nice", "/bin/nice")
			.filter(path -> Files.isExecutable(Path.of(path)))
			.findFirst()
			.map(nice -> List.of(nice, "-n", Integer.toString(priority.niceness())))
			.orElse(List.of());
	}

	long pid() {
		return process.pid();
	}

	private static Path executableJar(Path target) throws IOException {
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(path -> path.getFileName().toString().endsWith(".jar"))
				.filter(path -> !path.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("No executable jar in " + target + "; build with ./mvnw install"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IOException("No " + target + "; build with ./mvnw install -DskipTests", ex);
		}
	}

	ServiceDefinition definition() {
		return definition;
	}

	int instance() {
		return instance;
	}

	String label() {
		return label(definition.name(), instance);
	}

	int port() {
		return port;
	}

	Path logFile() {
		return logFile;
	}

	boolean isAlive() {
		return process.isAlive();
	}

	int exitCode() {
		return process.exitValue();
	}

	String baseUrl() {
		return "http://localhost:" + port;
	}

	/**
	 * The overall status from {@code /actuator/health}, or a short reason it has none
	 * yet.
	 */
	String health() {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			int at = body.lastIndexOf("\"status\":\"");
			return at < 0 ? "HTTP " + response.statusCode() : body.substring(at + 10, body.indexOf('"', at + 10));
		}
		catch (IOException ex) {
			return "starting";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** SIGKILL: the service dies at once, mid-request and mid-batch. */
	void kill() {
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Asks the service to shut down gracefully; {@link #awaitExit} waits for it. */
	void requestStop() {
		process.destroy();
	}

	void awaitExit(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	String tailOfLog(int lines) {
		try {
			List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
