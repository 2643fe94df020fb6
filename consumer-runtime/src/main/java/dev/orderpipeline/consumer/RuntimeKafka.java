package dev.orderpipeline.consumer;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The runtime's own Kafka clients, kept out of the application's beans. Their settings
 * start from the application's Kafka client factories, so {@code spring.kafka.*}, SSL
 * bundles and connection details (Testcontainers, cloud bindings) apply; the runtime then
 * fixes what it depends on.
 */
final class RuntimeKafka implements DisposableBean {

	private final DefaultKafkaConsumerFactory<String, byte[]> consumers;

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> template;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final String group;

	RuntimeKafka(Map<String, Object> consumerSettings, Map<String, Object> producerSettings,
			ConsumerProperties properties, ConsumerTopics topics) {
		this.group = topics.group();
		Map<String, Object> consumer = new HashMap<>(consumerSettings);
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, topics.group());
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
		// The relay publishes each batch in one Kafka transaction: an aborted batch is
		// re-sent, and only what was committed may take effect.
		consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		// The source, retry and dead-letter containers are members of one group: with
		// the eager default every join or leave (a retry container restarting) made
		// every member give up all its partitions. Cooperative: only what must move
		// stops.
		consumer.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		this.consumers = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
				new ByteArrayDeserializer());
		Map<String, Object> producer = new HashMap<>(producerSettings);
		producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producer.put(ProducerConfig.CLIENT_ID_CONFIG, topics.group() + "-consumer-runtime");
		this.producers = new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer());
		this.template = new KafkaTemplate<>(this.producers);
		this.scheduler.setThreadNamePrefix("consumer-runtime-backoff-");
		this.scheduler.initialize();
	}

	void bindMetrics(MeterRegistry registry) {
		this.consumers.addListener(new MicrometerConsumerListener<>(registry));
		this.producers.addListener(new MicrometerProducerListener<>(registry));
	}

	KafkaTemplate<String, byte[]> template() {
		return this.template;
	}

	ThreadPoolTaskScheduler scheduler() {
		return this.scheduler;
	}

	ConcurrentMessageListenerContainer<String, byte[]> container(String topic, String id, int concurrency) {
		ContainerProperties containerProperties = new ContainerProperties(topic);
		containerProperties.setGroupId(this.group);
		containerProperties.setClientId(id);
		containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
		containerProperties.setPollTimeout(1000);
		// Commit the position past a transaction's commit marker, not just past its last
		// record, or every partition shows a lag of one for ever.
		containerProperties.setFixTxOffsets(true);
		ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
				this.consumers, containerProperties);
		container.setBeanName(id);
		container.setConcurrency(concurrency);
		return container;
	}

	@Override
	public void destroy() {
		this.scheduler.destroy();
		this.producers.destroy();
	}

}
