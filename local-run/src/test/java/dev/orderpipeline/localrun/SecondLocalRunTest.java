package dev.orderpipeline.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.services.ServiceModules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second {@code ./run-local.sh} while one runs refuses before it builds: a build under
 * the running stack would replace its services' classes. Runs the real script in a copy
 * of the checkout whose {@code mvnw} only records that it was called.
 */
class SecondLocalRunTest {

	@TempDir
	Path checkout;

	private Path data;

	@BeforeEach
	void fakeCheckout() throws IOException {
		Path script = checkout.resolve("run-local.sh");
		Files.copy(Path.of("..", "run-local.sh"), script, StandardCopyOption.COPY_ATTRIBUTES);
		Path mvnw = checkout.resolve("mvnw");
		Files.writeString(mvnw, "#!/bin/sh\ntouch \"$(dirname \"$0\")/built\"\n");
		mvnw.toFile().setExecutable(true);
		Path target = Files.createDirectories(checkout.resolve("local-run/target/classes"));
		// The launcher as built: this module's classes and its dependencies.
		Files.writeString(target.getParent().resolve("runtime.classpath"), System.getProperty("java.class.path"));
		data = checkout.resolve("data");
		copyServiceDeclarations();
	}

	/**
	 * The launcher finds the services by convention: the root pom's modules, their poms
	 * and application.yml files, as in the real checkout.
	 */
	private void copyServiceDeclarations() throws IOException {
		ServiceModules real = ServiceModules.around(Path.of(""));
		Files.copy(real.root().resolve("pom.xml"), checkout.resolve("pom.xml"));
		for (ServiceDefinition service : ServiceDefinition.discovered()) {
			for (String file : List.of("pom.xml", "src/main/resources/application.yml")) {
				Path copy = checkout.resolve(service.name()).resolve(file);
				Files.createDirectories(copy.getParent());
				Files.copy(real.root().resolve(service.name()).resolve(file), copy);
			}
		}
	}

	@Test
	void aTakenPortIsReportedAndNothingIsBuilt() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Result result = runLocal(portArguments("order-service", taken.getLocalPort()));

			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(result.output()).contains("Port " + taken.getLocalPort() + " (order-service) is already in use");
			assertThat(checkout.resolve("built")).as("mvnw was not run").doesNotExist();
		}
	}

	@Test
	void aLocalRunHoldingTheDataDirectoryIsReportedAndNothingIsBuilt() throws Exception {
		try (RunLock running = RunLock.tryAcquire(data).orElseThrow()) {
			Result result = runLocal(portArguments(null, 0));

			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(result.output()).contains("A local run (pid " + ProcessHandle.current().pid() + ")")
				.contains("is already running on " + data);
			assertThat(checkout.resolve("built")).as("mvnw was not run").doesNotExist();
		}
	}

	@Test
	void withNothingInTheWayTheCheckPassesAndReleasesTheLock() throws Exception {
		List<String> arguments = portArguments(null, 0);
		arguments.add("--check");
		Result result = runLocal(arguments);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(RunLock.tryAcquire(data)).as("the check released the lock").isPresent().get().satisfies(lock -> {
			try {
				lock.close();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * Every port on a free one (a stack on the default ports may be running on this
	 * machine), but {@code name} on {@code port}.
	 */
	private List<String> portArguments(String name, int port) {
		List<String> arguments = new ArrayList<>(List.of("--data-dir=" + data));
		LocalRunOptions.defaultPorts()
			.keySet()
			.forEach(each -> arguments
				.add("--" + each + "-port=" + (each.equals(name) ? port : Integer.valueOf(Ports.findFree()))));
		return arguments;
	}

	private Result runLocal(List<String> arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("run-local.sh").toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
