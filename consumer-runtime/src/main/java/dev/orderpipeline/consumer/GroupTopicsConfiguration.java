package dev.orderpipeline.consumer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The group's topic names, the retry and dead-letter topics it declares, and the check of
 * the source topic it only reads. Apart from the containers because the names are needed
 * by every other part of the runtime, and the declarations must exist before any
 * container subscribes. Imported by {@link ConsumerRuntimeAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class GroupTopicsConfiguration {

	@Bean
	ConsumerTopics consumerTopics(ConsumerProperties properties, Environment environment) {
		String group = (properties.groupId() != null) ? properties.groupId()
				: environment.getProperty("spring.application.name");
		if (group == null || group.isBlank()) {
			throw new IllegalStateException("Set pipeline.consumer.group-id (or spring.application.name)");
		}
		return new ConsumerTopics(group, properties.topic(), properties.retry().attempts());
	}

	/**
	 * The group's own topics. The source topic is not among them: only order-service
	 * declares it ({@link SourceTopicCheck} checks it instead).
	 */
	@Bean
	KafkaAdmin.NewTopics consumerRuntimeTopics(ConsumerProperties properties, ConsumerTopics topics) {
		List<NewTopic> declared = new ArrayList<>();
		for (String retry : topics.retries()) {
			declared.add(groupTopic(retry, properties.groupTopics()).build());
		}
		declared
			.add(groupTopic(topics.deadLetter(), properties.groupTopics()).config(TopicConfig.RETENTION_MS_CONFIG, "-1")
				.build());
		return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
	}

	private static TopicBuilder groupTopic(String name, ConsumerProperties.GroupTopics settings) {
		return TopicBuilder.name(name)
			.partitions(settings.partitions())
			.replicas(settings.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
	}

	@Bean
	SourceTopicCheck consumerSourceTopicCheck(KafkaAdmin admin, ConsumerProperties properties) {
		SourceTopicCheck check = new SourceTopicCheck(admin.getConfigurationProperties(), properties.topic(),
				properties.source());
		check.verify();
		return check;
	}

}
