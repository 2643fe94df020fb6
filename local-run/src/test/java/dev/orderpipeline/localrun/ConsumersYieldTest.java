package dev.orderpipeline.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request path first: the launcher starts consumer services at a lower OS priority
 * and order-service at its own. Read from the kernel, not from the command line.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/<pid>/stat")
class ConsumersYieldTest {

	@TempDir
	Path root;

	private final List<ServiceProcess> started = new ArrayList<>();

	@AfterEach
	void stop() {
		started.forEach(ServiceProcess::requestStop);
		started.forEach(process -> process.awaitExit(Duration.ofSeconds(10)));
	}

	@Test
	void consumerServicesRunNicedAndOrderServiceDoesNot() throws Exception {
		long ownNiceness = niceness(ProcessHandle.current().pid());
		List<ServiceDefinition> all = ServiceDefinition.discovered();
		for (ServiceDefinition definition : all) {
			ServiceProcess process = start(definition);
			long expected = definition.name().equals("order-service") ? ownNiceness
					: Math.min(19, ownNiceness + ServiceDefinition.CpuPriority.BACKGROUND.niceness());
			// nice sets the priority, then execs the JVM: wait for that step, not for
			// time.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(niceness(process.pid())).as(definition.name()).isEqualTo(expected));
		}
		assertThat(all).filteredOn(definition -> definition.name().endsWith("-service"))
			.filteredOn(definition -> !definition.name().equals("order-service"))
			.isNotEmpty()
			.allMatch(definition -> definition.priority() == ServiceDefinition.CpuPriority.BACKGROUND);
	}

	private ServiceProcess start(ServiceDefinition definition) throws IOException {
		FakeServiceJars.write(root, definition.name());
		Path logs = Files.createDirectories(root.resolve("logs"));
		ServiceProcess process = ServiceProcess.start(definition, LocalRunOptions.defaultPorts(), root, logs, List.of(),
				Map.of());
		started.add(process);
		return process;
	}

	/** Field 19 of /proc/<pid>/stat; the fields after the command name start at 3. */
	private static long niceness(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[19 - 3]);
	}

}
