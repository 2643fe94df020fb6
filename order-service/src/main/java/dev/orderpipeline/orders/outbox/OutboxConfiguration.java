package dev.orderpipeline.orders.outbox;

import java.time.Clock;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.orders.order.OrderEventRecorder;
import dev.orderpipeline.orders.order.OrderRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the outbox writer, the relay, the topic and the outbox metrics. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ EventsProperties.class, OutboxProperties.class })
class OutboxConfiguration {

	@Bean
	OrderEventRecorder outboxWriter(JdbcClient jdbc, OrderRepository orders, EventsProperties events, JsonMapper json,
			ObjectProvider<OutboxRelay> relay, OutboxTracing tracing) {
		EventEncoder encoder = events.validate() ? EventEncoder.validating(new EventSchemas()) : new EventEncoder();
		return new OutboxWriter(jdbc, orders, new IntegrationEvents(), encoder, events, json,
				() -> relay.ifAvailable(OutboxRelay::wake), tracing);
	}

	@Bean
	OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new OutboxTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	NewTopic orderEventsTopic(OutboxProperties properties) {
		OutboxProperties.Topic topic = properties.topic();
		// Infinite retention: the topic is the history of every order, and a new or
		// rebuilt consumer (search projection, analytics) replays it from the beginning.
		return TopicBuilder.name(EventTopics.ORDER_EVENTS)
			.partitions(topic.partitions())
			.replicas(topic.replicationFactor())
			.config("retention.ms", "-1")
			.config("min.insync.replicas", Integer.toString(topic.minInsyncReplicas()))
			.build();
	}

	@Bean
	OutboxMetrics outboxMetrics(MeterRegistry registry) {
		return new OutboxMetrics(registry, Clock.systemUTC());
	}

	@Bean
	OutboxBacklog outboxBacklog(JdbcClient jdbc, MeterRegistry registry) {
		return new OutboxBacklog(jdbc, registry);
	}

	@Bean
	RelayFactory outboxRelays(JdbcConnectionDetails database, KafkaProperties kafka, OutboxMetrics metrics,
			JsonMapper json, NewTopic orderEventsTopic, OutboxTracing tracing) {
		return new RelayFactory(database, kafka, metrics, new OutboxStore(json), orderEventsTopic, tracing,
				Clock.systemUTC());
	}

	@Bean
	OutboxRelay outboxRelay(RelayFactory relays, OutboxProperties properties, MeterRegistry registry) {
		OutboxRelay relay = relays.create("outbox-relay", properties.relay(), properties.relay().enabled());
		Gauge.builder("outbox.relay.active", relay, (r) -> r.isActive() ? 1 : 0)
			.description("1 on the instance whose relay holds the lock and publishes, 0 elsewhere")
			.register(registry);
		return relay;
	}

	@Bean
	RelayHealthIndicator outboxRelayHealthIndicator(OutboxRelay relay, OutboxProperties properties) {
		return new RelayHealthIndicator(relay.progress(), properties.relay().stalledAfter());
	}

}
