package dev.orderpipeline.support.database;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * With {@code pipeline.database.create-if-missing=true}, a service creates its own
 * PostgreSQL database before its connection pool or Flyway first connects. The Compose
 * deployment turns it on for every service, so a new consumer's database is not a line in
 * an init script (which PostgreSQL runs only on an empty volume anyway); production
 * leaves it off and gives services a user without {@code CREATEDB}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcConnectionDetails.class)
@ConditionalOnBooleanProperty("pipeline.database.create-if-missing")
public class DatabaseOnDemandAutoConfiguration {

	/**
	 * Static: a post-processor is created before the beans it processes, so it must not
	 * pull this configuration's instance in early.
	 */
	@Bean
	static BeanPostProcessor missingDatabaseCreator() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcConnectionDetails details) {
					MissingDatabase.createIfMissing(details.getJdbcUrl(), details.getUsername(), details.getPassword());
				}
				return bean;
			}

		};
	}

}
