package dev.orderpipeline.monitor.pipeline;

import java.time.Clock;

import dev.orderpipeline.monitor.MonitorProperties;
import dev.orderpipeline.monitor.kafka.ConsumerGroupReader;
import dev.orderpipeline.monitor.outbox.OutboxScraper;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The refresh loop and what it reads from. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	PipelineRefresher pipelineRefresher(MonitorProperties properties, KafkaProperties kafka, MeterRegistry registry) {
		Clock clock = Clock.systemUTC();
		ConsumerGroupReader reader = new ConsumerGroupReader(properties, kafka.buildAdminProperties(),
				kafka.buildConsumerProperties(), clock);
		return new PipelineRefresher(properties, reader, new OutboxScraper(properties.orderService()),
				new PipelineMetrics(registry), clock);
	}

}
