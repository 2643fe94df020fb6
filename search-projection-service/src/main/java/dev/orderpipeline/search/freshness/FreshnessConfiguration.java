package dev.orderpipeline.search.freshness;

import java.time.Duration;

import dev.orderpipeline.consumer.ConsumerTopics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class FreshnessConfiguration {

	@Bean(destroyMethod = "close")
	ProjectionFreshness projectionFreshness(KafkaAdmin kafkaAdmin, ConsumerTopics topics,
			@Value("${search.freshness.check-interval:1s}") Duration interval) {
		return new ProjectionFreshness(kafkaAdmin.getConfigurationProperties(), topics.group(), topics.source(),
				interval);
	}

}
