package dev.orderpipeline.orders.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventTopics;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.orders.order.OrderEventRecorder;
import dev.orderpipeline.orders.order.OrderRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
		return new OutboxWriter(jdbc, orders, new IntegrationEvents(events.placedVersion()), encoder, events, json,
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
		return new OutboxMetrics(registry);
	}

	@Bean
	OutboxBacklog outboxBacklog(JdbcClient jdbc, MeterRegistry registry) {
		return new OutboxBacklog(jdbc, registry);
	}

	@Bean
	OutboxRelays outboxRelays(JdbcConnectionDetails database, KafkaProperties kafka, OutboxProperties properties,
			OutboxMetrics metrics, JsonMapper json, NewTopic orderEventsTopic, OutboxTracing tracing) {
		return new OutboxRelays(database, kafka, properties.relay(), metrics, new OutboxStore(json), orderEventsTopic,
				tracing);
	}

	@Bean
	OutboxRelay outboxRelay(OutboxRelays relays, OutboxProperties properties, MeterRegistry registry) {
		OutboxRelay relay = relays.create("outbox-relay", relays.store(), properties.relay().enabled());
		Gauge.builder("outbox.relay.active", relay, (r) -> r.isActive() ? 1 : 0)
			.description("1 on the instance whose relay holds the lock and publishes, 0 elsewhere")
			.register(registry);
		return relay;
	}

	/**
	 * Builds relays; the application runs one, tests build more to play other instances.
	 */
	static final class OutboxRelays {

		private final JdbcConnectionDetails database;

		private final KafkaProperties kafka;

		private final OutboxProperties.Relay settings;

		private final OutboxMetrics metrics;

		private final OutboxStore store;

		private final NewTopic topic;

		private final OutboxTracing tracing;

		OutboxRelays(JdbcConnectionDetails database, KafkaProperties kafka, OutboxProperties.Relay settings,
				OutboxMetrics metrics, OutboxStore store, NewTopic topic, OutboxTracing tracing) {
			this.tracing = tracing;
			this.database = database;
			this.kafka = kafka;
			this.settings = settings;
			this.metrics = metrics;
			this.store = store;
			this.topic = topic;
		}

		OutboxStore store() {
			return this.store;
		}

		OutboxRelay create(String name, OutboxStore store, boolean autoStartup) {
			return create(name, store, autoStartup, this.settings);
		}

		OutboxRelay create(String name, OutboxStore store, boolean autoStartup, OutboxProperties.Relay settings) {
			return new OutboxRelay(name, store,
					() -> RelayConnection.open(this.database.getJdbcUrl(), this.database.getUsername(),
							this.database.getPassword(), settings.lockKey()),
					this::producer, this.metrics, settings, this.topic.name(), this::ensureTopic, autoStartup,
					this.tracing);
		}

		OutboxProperties.Relay settings() {
			return this.settings;
		}

		Producer<String, byte[]> producer() {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			// Not negotiable, whatever spring.kafka.producer.* says: no loss, no
			// reordering, no duplicates from the producer's own retries.
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
			config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
			// A dead broker must surface to the relay loop within seconds, which then
			// backs off; delivery.timeout >= linger + request.timeout.
			long deliveryTimeout = this.settings.deliveryTimeout().toMillis();
			config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
			config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
			config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, deliveryTimeout / 2));
			config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) this.settings.maxBlock().toMillis());
			config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "order-service-outbox-relay");
			return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		}

		// KafkaAdmin creates the topic at startup, but not if the broker was down then;
		// a relay that becomes active makes sure of it, with timeouts short enough not to
		// stall publishing for long.
		void ensureTopic() {
			Map<String, Object> config = new HashMap<>(this.kafka.buildAdminProperties());
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
			try (Admin admin = Admin.create(config)) {
				admin.createTopics(List.of(this.topic)).all().get(5, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("Could not create topic " + this.topic.name(), ex.getCause());
				}
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("Timed out creating topic " + this.topic.name(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
