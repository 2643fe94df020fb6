package dev.orderpipeline.consumer;

import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.consumer.purge.InboxPurge;
import dev.orderpipeline.consumer.purge.InboxPurgeSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The inbox purge: deletes inbox rows older than the retention that the group's committed
 * offsets have passed on every topic it applies events from (source and retries). Apart
 * from the containers because it runs on its own schedule and reads committed offsets,
 * not records. Imported by {@link ConsumerRuntimeAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class InboxPurgeConfiguration {

	@Bean
	InboxPurge inboxPurge(JdbcTemplate jdbc, KafkaAdmin kafkaAdmin, ConsumerTopics topics, Environment environment,
			ObjectProvider<MeterRegistry> registry) {
		List<String> applied = new ArrayList<>(List.of(topics.source()));
		applied.addAll(topics.retries());
		return new InboxPurge(jdbc, kafkaAdmin.getConfigurationProperties(), topics.group(), applied,
				Binder.get(environment)
					.bindOrCreate("pipeline.consumer.inbox-purge", Bindable.of(InboxPurgeSettings.class)),
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
