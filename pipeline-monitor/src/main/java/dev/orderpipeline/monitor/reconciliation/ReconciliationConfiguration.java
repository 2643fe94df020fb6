package dev.orderpipeline.monitor.reconciliation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.checker.CheckOptions;
import dev.orderpipeline.checker.CheckerSources;
import dev.orderpipeline.checker.ConsumerStore;
import dev.orderpipeline.checker.InvariantChecker;
import dev.orderpipeline.monitor.MonitorProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Reconciliation, when the orders database is configured. The checker's Kafka clients
 * start from Boot's consumer and producer factories, so connection details apply as to
 * every other client of the monitor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
@ConditionalOnProperty("pipeline.monitor.reconciliation.orders.url")
class ReconciliationConfiguration {

	@Bean
	ReconciliationMetrics reconciliationMetrics(MeterRegistry registry, ReconciliationProperties properties) {
		return new ReconciliationMetrics(registry, properties.consumers().keySet());
	}

	@Bean
	Reconciler reconciler(ReconciliationProperties properties, MonitorProperties monitor,
			ConsumerFactory<?, ?> consumerFactory, ReconciliationMetrics metrics) {
		List<ConsumerStore> stores = new ArrayList<>();
		properties.consumers()
			.forEach((group, consumer) -> stores
				.add(new ConsumerStore(group, consumer.kind(), consumer.database().dataSource())));
		CheckerSources sources = new CheckerSources(properties.orders().dataSource(),
				consumerFactory.getConfigurationProperties(), monitor.sourceTopic(), stores);
		return new Reconciler(new InvariantChecker(sources),
				CheckOptions.defaults().withListLimit(properties.listLimit()), metrics, Clock.systemUTC());
	}

	@Bean
	ReconciliationSchedule reconciliationSchedule(Reconciler reconciler, ReconciliationProperties properties) {
		return new ReconciliationSchedule(reconciler, properties.interval(), properties.scheduledWindow(),
				Clock.systemUTC());
	}

	@Bean
	Reconciliation reconciliation(Reconciler reconciler, ReconciliationProperties properties, MonitorProperties monitor,
			ConsumerFactory<?, ?> consumerFactory, ProducerFactory<?, ?> producerFactory,
			ReconciliationMetrics metrics) {
		RedeliveryAudit audit = new RedeliveryAudit(properties.auditSize(), metrics);
		Redelivery redelivery = new Redelivery(consumerFactory.getConfigurationProperties(),
				producerFactory.getConfigurationProperties(), monitor.sourceTopic(), properties, audit,
				monitor.kafkaTimeout(), Clock.systemUTC());
		return new Reconciliation(reconciler, redelivery, audit, properties.scheduledWindow());
	}

}
