package dev.orderpipeline.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The runtime's own Kafka clients and meters, shared by every container, the held-event
 * expiry and the dead-letter replayer. Apart because they derive from the application's
 * client factories, not from the runtime's topics. Imported by
 * {@link ConsumerRuntimeAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeClientsConfiguration {

	@Bean
	RuntimeKafka consumerRuntimeKafka(ConsumerFactory<?, ?> consumerFactory, ProducerFactory<?, ?> producerFactory,
			ConsumerProperties properties, ConsumerTopics topics, ObjectProvider<MeterRegistry> registry) {
		RuntimeKafka kafka = new RuntimeKafka(consumerFactory.getConfigurationProperties(),
				producerFactory.getConfigurationProperties(), properties, topics);
		// Kafka's client metrics (lag, fetch and send rates) for the runtime's clients,
		// as Boot does for the clients it creates.
		registry.ifAvailable(kafka::bindMetrics);
		return kafka;
	}

	@Bean
	ConsumerMetrics consumerRuntimeMetrics(ObjectProvider<MeterRegistry> registry, ConsumerTopics topics,
			ConsumerProperties properties) {
		ConsumerMetrics metrics = new ConsumerMetrics(registry.getIfAvailable(SimpleMeterRegistry::new),
				topics.group());
		metrics.lagObjective(properties.lagObjective());
		return metrics;
	}

}
