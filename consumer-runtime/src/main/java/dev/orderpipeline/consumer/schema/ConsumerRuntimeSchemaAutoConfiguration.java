package dev.orderpipeline.consumer.schema;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/** The runtime brings its tables with it: see {@link RuntimeMigrations}. */
@AutoConfiguration
@ConditionalOnClass(Flyway.class)
public class ConsumerRuntimeSchemaAutoConfiguration {

	@Bean
	FlywayConfigurationCustomizer consumerRuntimeMigrations() {
		return new RuntimeMigrations();
	}

}
