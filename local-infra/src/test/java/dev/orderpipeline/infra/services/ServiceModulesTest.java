package dev.orderpipeline.infra.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceModulesTest {

	@TempDir
	Path root;

	@Test
	void aModuleListedInTheRootPomThatDependsOnTheConsumerRuntimeIsAConsumer() throws IOException {
		rootPom("common-events", "consumer-runtime", "order-service", "points-service", "pipeline-monitor",
				"pipeline-checker");
		module("common-events", pom(), null);
		module("consumer-runtime", pom("common-events"), null);
		module("order-service", pom("common-events"), yaml("order-service", 8080, "orders"));
		module("points-service", pom("consumer-runtime", "test-support"), yaml("points-service", 8084, "points"));
		// Depends on it only through dependencyManagement: not a consumer.
		module("pipeline-monitor", managedOnly("consumer-runtime"), yaml("pipeline-monitor", 8090, null));
		// Uses the runtime in its tests only: not a consumer.
		module("pipeline-checker", testScoped("consumer-runtime"), null);
		// On disk but not a module of the build: not a consumer.
		module("stale-service", pom("consumer-runtime"), yaml("stale-service", 8085, "stale"));

		ServiceModules modules = ServiceModules.in(this.root);

		assertThat(modules.consumers()).singleElement().satisfies((points) -> {
			assertThat(points.name()).isEqualTo("points-service");
			assertThat(points.port()).isEqualTo(8084);
			assertThat(points.database()).isEqualTo("points");
			assertThat(points.directory()).isEqualTo(this.root.resolve("points-service"));
		});
		assertThat(modules.orderService().port()).isEqualTo(8080);
		assertThat(modules.orderService().database()).isEqualTo("orders");
	}

	@Test
	void theRepositoryIsFoundFromInsideAModule() throws IOException {
		rootPom("points-service");
		module("points-service", pom("consumer-runtime"), yaml("points-service", 8084, "points"));

		assertThat(ServiceModules.around(this.root.resolve("points-service")).root()).isEqualTo(this.root);
	}

	@Test
	void optionalSettingsAreReadAsSpringWouldFlattenThem() throws IOException {
		rootPom("mail-service");
		module("mail-service", pom("consumer-runtime"), """
				spring:
				  application:
				    name: mail-service
				  mail:
				    host: localhost
				server:
				  port: 8086
				pipeline:
				  database-name: mail
				  local-run:
				    links: [/mails, /dead-letters]
				""");

		ServiceModule mail = ServiceModules.in(this.root).consumers().get(0);

		assertThat(mail.listSetting("pipeline.local-run.links")).containsExactly("/mails", "/dead-letters");
		assertThat(mail.configures("spring.mail")).isTrue();
		assertThat(mail.configures("spring.ma")).isFalse();
		assertThat(mail.setting("pipeline.database-name")).contains("mail");
	}

	@Test
	void aConsumerWhoseApplicationNameIsNotItsFolderBreaksTheConvention() throws IOException {
		rootPom("points-service");
		module("points-service", pom("consumer-runtime"), yaml("points", 8084, "points"));

		assertThatIllegalStateException().isThrownBy(() -> ServiceModules.in(this.root).consumers())
			.withMessageContaining("spring.application.name is 'points'")
			.withMessageContaining("'points-service'");
	}

	@Test
	void aConsumerWithoutAPortBreaksTheConvention() throws IOException {
		rootPom("points-service");
		module("points-service", pom("consumer-runtime"), """
				spring:
				  application:
				    name: points-service
				""");

		assertThatIllegalStateException().isThrownBy(() -> ServiceModules.in(this.root).consumers())
			.withMessageContaining("does not set server.port");
	}

	@Test
	void theExecutableJarIsTheOneSpringBootBuilds() throws IOException {
		rootPom("points-service");
		module("points-service", pom("consumer-runtime"), yaml("points-service", 8084, "points"));
		Path target = Files.createDirectories(this.root.resolve("points-service/target"));
		Files.createFile(target.resolve("points-service-0.1.0-SNAPSHOT-plain.jar"));
		Files.createFile(target.resolve("points-service-0.1.0-SNAPSHOT.jar"));

		assertThat(ServiceModules.in(this.root).consumers().get(0).executableJar())
			.isEqualTo(target.resolve("points-service-0.1.0-SNAPSHOT.jar"));
	}

	private void rootPom(String... modules) throws IOException {
		StringBuilder list = new StringBuilder();
		for (String module : modules) {
			list.append("<module>").append(module).append("</module>");
		}
		Files.writeString(this.root.resolve("pom.xml"), """
				<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
				<artifactId>order-pipeline</artifactId><packaging>pom</packaging>
				<dependencyManagement><dependencies><dependency><groupId>dev.orderpipeline</groupId>
				<artifactId>consumer-runtime</artifactId></dependency></dependencies></dependencyManagement>
				<modules>%s</modules></project>""".formatted(list));
	}

	private static String pom(String... dependencies) {
		StringBuilder list = new StringBuilder();
		for (String dependency : dependencies) {
			list.append("<dependency><groupId>dev.orderpipeline</groupId><artifactId>")
				.append(dependency)
				.append("</artifactId></dependency>");
		}
		return """
				<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
				<dependencies>%s</dependencies></project>""".formatted(list);
	}

	private static String testScoped(String dependency) {
		return """
				<project><dependencies><dependency><groupId>dev.orderpipeline</groupId>
				<artifactId>%s</artifactId><scope>test</scope></dependency></dependencies></project>
				""".formatted(dependency);
	}

	private static String managedOnly(String dependency) {
		return """
				<project><dependencyManagement><dependencies><dependency><artifactId>%s</artifactId>
				</dependency></dependencies></dependencyManagement></project>""".formatted(dependency);
	}

	private static String yaml(String name, int port, String database) {
		return """
				spring:
				  application:
				    name: %s
				server:
				  port: %d
				pipeline:
				""".formatted(name, port) + ((database != null) ? "  database-name: " + database + "\n" : "");
	}

	private void module(String name, String pom, String applicationYaml) throws IOException {
		Path directory = Files.createDirectories(this.root.resolve(name));
		Files.writeString(directory.resolve("pom.xml"), pom);
		if (applicationYaml != null) {
			Path resources = Files.createDirectories(directory.resolve("src/main/resources"));
			Files.writeString(resources.resolve("application.yml"), applicationYaml);
		}
	}

}
