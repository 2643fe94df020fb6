package dev.orderpipeline.orders.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Builds relays and what each needs: its database session, its transactional producer,
 * the topic check. The application runs one relay; tests build more to play other
 * instances.
 */
final class RelayFactory {

	private final JdbcConnectionDetails database;

	private final KafkaProperties kafka;

	private final OutboxMetrics metrics;

	private final OutboxStore store;

	private final NewTopic topic;

	private final OutboxTracing tracing;

	private final Clock clock;

	RelayFactory(JdbcConnectionDetails database, KafkaProperties kafka, OutboxMetrics metrics, OutboxStore store,
			NewTopic topic, OutboxTracing tracing, Clock clock) {
		this.database = database;
		this.kafka = kafka;
		this.metrics = metrics;
		this.store = store;
		this.topic = topic;
		this.tracing = tracing;
		this.clock = clock;
	}

	OutboxRelay create(String name, OutboxProperties.Relay settings, boolean autoStartup) {
		return create(name, settings, autoStartup, this.store);
	}

	OutboxRelay create(String name, OutboxProperties.Relay settings, boolean autoStartup, OutboxStore store) {
		RelayProgress progress = new RelayProgress(this.clock);
		return new OutboxRelay(name, () -> loop(name, settings, store, progress), progress, settings.drainTimeout(),
				autoStartup);
	}

	OutboxStore store() {
		return this.store;
	}

	private RelayLoop loop(String name, OutboxProperties.Relay settings, OutboxStore store, RelayProgress progress) {
		String applicationName = "order-service outbox relay " + name + " pid " + ProcessHandle.current().pid();
		RelayLeadership leadership = new RelayLeadership(
				() -> RelayConnection.open(this.database.getJdbcUrl(), this.database.getUsername(),
						this.database.getPassword(), settings.lockKey(), settings.sessionTimeout(), applicationName));
		TransactionalPublisher publisher = new TransactionalPublisher(() -> producer(name, settings), this.topic.name(),
				this.tracing);
		BatchPipeline pipeline = new BatchPipeline(store, leadership, publisher, this.metrics, progress, settings);
		return new RelayLoop(name, leadership, pipeline, publisher, progress, settings, this::ensureTopic);
	}

	private Producer<String, byte[]> producer(String name, OutboxProperties.Relay settings) {
		Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
		// Not negotiable, whatever spring.kafka.producer.* says: no loss, no reordering,
		// no duplicates from the producer's own retries, one transaction per batch.
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
		// A dead broker must surface to the relay within seconds, which then backs off;
		// delivery.timeout >= linger + request.timeout.
		long deliveryTimeout = settings.deliveryTimeout().toMillis();
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, deliveryTimeout / 2));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.maxBlock().toMillis());
		// The coordinator aborts a transaction whose relay went silent after this long,
		// so read_committed readers are not held up for longer by a relay that froze
		// with no successor to fence it.
		long transactionTimeout = Math.max(10_000, 3 * (deliveryTimeout + settings.maxBlock().toMillis()));
		config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "order-service-" + name);
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	// KafkaAdmin creates the topic at startup, but not if the broker was down then; a
	// relay that becomes active makes sure of it, within a bound shorter than the session
	// timeout.
	private void ensureTopic() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildAdminProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(this.topic)).all().get(2, TimeUnit.SECONDS);
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
