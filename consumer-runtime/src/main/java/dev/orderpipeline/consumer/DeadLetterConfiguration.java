package dev.orderpipeline.consumer;

import dev.orderpipeline.consumer.deadletter.DeadLetterController;
import dev.orderpipeline.consumer.deadletter.DeadLetterQueries;
import dev.orderpipeline.consumer.deadletter.DeadLetterReplayer;
import dev.orderpipeline.consumer.deadletter.DeadLetterStore;
import dev.orderpipeline.consumer.deadletter.ReplayBookkeeping;
import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dead-letter table, its replay and its ops endpoints. Apart from the containers
 * because this is what operators use; the recorder container that fills the table is
 * built with the other containers. Imported by {@link ConsumerRuntimeAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DeadLetterStore deadLetterStore(JdbcTemplate jdbc) {
		return new DeadLetterStore(jdbc);
	}

	@Bean
	DeadLetterReplayer deadLetterReplayer(JdbcTemplate jdbc, RuntimeKafka kafka, ConsumerTopics topics) {
		return new DeadLetterReplayer(new ReplayBookkeeping(jdbc), kafka.template(), topics.replay());
	}

	@Bean
	@ConditionalOnWebApplication
	DeadLetterController deadLetterController(JdbcTemplate jdbc, DeadLetterReplayer replayer) {
		return new DeadLetterController(new DeadLetterQueries(jdbc), replayer);
	}

	/**
	 * Dead-letter operations are for ops users: the records carry customers' data, and a
	 * replay re-applies events. Not scoped by tenant: a malformed record may not even
	 * have a readable one. Applied by the security core in {@code service-support}.
	 */
	@Bean
	@ConditionalOnWebApplication
	EndpointAuthorization deadLetterAuthorization() {
		return (requests) -> requests.requestMatchers("/dead-letters/**").hasRole(Roles.OPS);
	}

}
