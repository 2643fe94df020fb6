package dev.orderpipeline.consumer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Starts the consumer runtime when the application defines an {@link EventHandler}: the
 * group's topics, a batch container on the source topic, a record container with back-off
 * per retry topic, the dead-letter recorder, and the dead-letter endpoints (role
 * {@code ops}).
 * <p>
 * Why batch + retry topics and not {@code @RetryableTopic}: retry topics do not support
 * batch listeners, and one transaction per event cannot drain a backlog fast enough. The
 * batch container's {@link DefaultErrorHandler} forwards only the failing record (its
 * index comes with a {@code BatchListenerFailedException}); the retry containers use
 * Spring Kafka's own non-blocking back-off pieces (the back-off-aware listener adapter
 * pauses a retry partition until its head record is due).
 * <p>
 * Why one auto-configuration importing several: the condition on an {@link EventHandler}
 * and the ordering after Boot's Kafka, JDBC and metrics auto-configurations hold for the
 * whole runtime, while each imported part (topics, clients, inbox purge, dead letters,
 * containers) reads on its own. Bean names are the ones this class has always declared.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(EventHandler.class)
@EnableConfigurationProperties(ConsumerProperties.class)
@Import({ GroupTopicsConfiguration.class, RuntimeClientsConfiguration.class, InboxPurgeConfiguration.class,
		DeadLetterConfiguration.class, ListenerContainersConfiguration.class })
public class ConsumerRuntimeAutoConfiguration {

}
