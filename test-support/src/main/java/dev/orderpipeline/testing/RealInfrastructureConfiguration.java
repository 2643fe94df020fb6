package dev.orderpipeline.testing;

import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.PostgresServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application under test at real PostgreSQL and Kafka
 * ({@link WithRealInfrastructure} also makes it trust the test identity provider). Each
 * service names its database with {@code pipeline.database-name}; every service gets its
 * own database, created on first use. An application without that property gets Kafka
 * only.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ RealInfrastructureConfiguration.Embedded.class, DockerInfrastructureConfiguration.class })
public class RealInfrastructureConfiguration {

	@TestConfiguration(proxyBeanMethods = false)
	@Conditional(EmbeddedModeCondition.class)
	static class Embedded {

		@Bean
		DynamicPropertyRegistrar embeddedInfrastructureProperties(Environment environment) {
			return registry -> {
				LocalInfrastructure infrastructure = EmbeddedInfrastructure.get();
				String database = environment.getProperty("pipeline.database-name");
				if (database != null) {
					infrastructure.postgres().createDatabaseIfMissing(database);
					registry.add("spring.datasource.url", () -> infrastructure.postgres().jdbcUrl(database));
					registry.add("spring.datasource.username", () -> PostgresServer.USER);
					registry.add("spring.datasource.password", () -> PostgresServer.PASSWORD);
				}
				registry.add("spring.kafka.bootstrap-servers", () -> infrastructure.kafka().bootstrapServers());
			};
		}

	}

}
