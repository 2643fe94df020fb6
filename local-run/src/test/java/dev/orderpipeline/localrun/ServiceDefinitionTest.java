package dev.orderpipeline.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.infra.services.ServiceModules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer added by convention (a module of the root pom that depends on
 * consumer-runtime) is started, given its port and database, and watched by the monitor,
 * with no list in the local run to edit.
 */
class ServiceDefinitionTest {

	@TempDir
	Path root;

	@Test
	void aNewConsumerModuleIsStartedWatchedAndGivenItsDatabase() throws IOException {
		Files.writeString(root.resolve("pom.xml"), """
				<project><modules><module>consumer-runtime</module><module>order-service</module>
				<module>points-service</module><module>mailing-service</module><module>pipeline-monitor</module>
				</modules></project>""");
		module("consumer-runtime", "", null);
		module("order-service", "", service("order-service", 8080, "database-name: orders"));
		module("points-service", "consumer-runtime", service("points-service", 8084, "database-name: points"));
		module("mailing-service", "consumer-runtime", service("mailing-service", 8085, """
				database-name: mailing
				  local-run:
				    links: [/mailings]
				spring.mail.host: localhost"""));
		module("pipeline-monitor", "", service("pipeline-monitor", 8090, "monitor: {}"));

		List<ServiceDefinition> all = ServiceDefinition.all(ServiceModules.in(root));

		assertThat(all).extracting(ServiceDefinition::name)
			.containsExactly("order-service", "points-service", "mailing-service", "pipeline-monitor");
		assertThat(all.get(0).priority()).isEqualTo(ServiceDefinition.CpuPriority.REQUEST_PATH);
		ServiceDefinition points = all.get(1);
		assertThat(points.defaultPort()).isEqualTo(8084);
		assertThat(points.priority()).isEqualTo(ServiceDefinition.CpuPriority.BACKGROUND);
		assertThat(points.links()).isEqualTo(ServiceDefinition.CONSUMER_LINKS);
		assertThat(LocalRun.databases(all)).containsExactly("orders", "points", "mailing");

		Map<String, Integer> ports = LocalRunOptions.defaultPorts(all);
		assertThat(ports).containsEntry("points-service", 8084).containsEntry("pipeline-monitor", 8090);
		ports.put("points-service", 9184);
		assertThat(points.arguments().apply(ports)).isEmpty();
		assertThat(all.get(2).arguments().apply(ports)).containsExactly("--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + ports.get(LocalRunOptions.SMTP));
		assertThat(all.get(2).links()).containsExactly("/mailings");
		assertThat(all.get(3).arguments().apply(ports)).contains(
				"--pipeline.monitor.groups.points-service.service-url=http://127.0.0.1:9184",
				"--pipeline.monitor.groups.mailing-service.service-url=http://127.0.0.1:8085",
				"--pipeline.monitor.order-service.prometheus-url=http://127.0.0.1:8080/actuator/prometheus");
	}

	@Test
	void theRealRepositoryHasItsThreeConsumersBetweenOrderServiceAndTheMonitor() {
		assertThat(ServiceDefinition.discovered()).extracting(ServiceDefinition::name)
			.startsWith("order-service")
			.contains("notification-service", "analytics-service", "search-projection-service")
			.endsWith("pipeline-monitor");
	}

	private static String service(String name, int port, String pipeline) {
		return """
				spring:
				  application:
				    name: %s
				server:
				  port: %d
				pipeline:
				  %s
				""".formatted(name, port, pipeline);
	}

	private void module(String name, String dependency, String yaml) throws IOException {
		Path directory = Files.createDirectories(root.resolve(name));
		Files.writeString(directory.resolve("pom.xml"), "<project><dependencies><dependency><artifactId>" + dependency
				+ "</artifactId></dependency></dependencies></project>");
		if (yaml != null) {
			Path resources = Files.createDirectories(directory.resolve("src/main/resources"));
			Files.writeString(resources.resolve("application.yml"), yaml);
		}
	}

}
