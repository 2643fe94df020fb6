package dev.orderpipeline.monitor.pipeline;

import java.time.Clock;

import dev.orderpipeline.monitor.MonitorProperties;
import dev.orderpipeline.monitor.kafka.ConsumerGroupReader;
import dev.orderpipeline.monitor.outbox.OutboxScraper;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The refresh loop and what it reads from. Kafka settings come from Boot's admin and
 * consumer factories, so connection details (Testcontainers, SSL bundles) apply as they
 * do to every other client.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	PipelineRefresher pipelineRefresher(MonitorProperties properties, KafkaAdmin kafkaAdmin,
			ConsumerFactory<?, ?> consumerFactory, MeterRegistry registry) {
		Clock clock = Clock.systemUTC();
		ConsumerGroupReader reader = new ConsumerGroupReader(properties, kafkaAdmin.getConfigurationProperties(),
				consumerFactory.getConfigurationProperties(), clock);
		return new PipelineRefresher(properties, reader,
				new OutboxScraper(properties.orderService(), properties.scrapeAuth()), new PipelineMetrics(registry),
				clock);
	}

}
