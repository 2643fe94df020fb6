package dev.orderpipeline.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The same infrastructure as containers, wired through {@code @ServiceConnection}. The
 * containers are JVM-wide singletons: contexts come and go, the containers stay until
 * Testcontainers' reaper removes them at JVM exit.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(DockerModeCondition.class)
class DockerInfrastructureConfiguration {

	private static PostgreSQLContainer postgres;

	private static KafkaContainer kafka;

	@Bean(destroyMethod = "")
	@ServiceConnection
	PostgreSQLContainer postgresContainer(Environment environment) {
		synchronized (DockerInfrastructureConfiguration.class) {
			if (postgres == null) {
				postgres = new PostgreSQLContainer("postgres:17-alpine")
					.withDatabaseName(environment.getProperty("pipeline.database-name", "test"));
				postgres.start();
			}
			return postgres;
		}
	}

	static void pauseKafka() {
		kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
	}

	static void unpauseKafka() {
		kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
	}

	@Bean(destroyMethod = "")
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		synchronized (DockerInfrastructureConfiguration.class) {
			if (kafka == null) {
				kafka = new KafkaContainer("apache/kafka:4.2.0").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
				kafka.start();
				OrderEventsTopic.declare(kafka.getBootstrapServers());
			}
			return kafka;
		}
	}

}
