package dev.orderpipeline.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.consumer.deadletter.DeadLetterController;
import dev.orderpipeline.consumer.deadletter.DeadLetterReplayer;
import dev.orderpipeline.consumer.deadletter.DeadLetterStore;
import dev.orderpipeline.consumer.purge.InboxPurge;
import dev.orderpipeline.consumer.purge.InboxPurgeSettings;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;
import dev.orderpipeline.events.kafka.EventDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerPartitionPausingBackOffManager;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.adapter.KafkaBackoffAwareMessageListenerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Starts the consumer runtime when the application defines an {@link EventHandler}: the
 * group's topics, a batch container on the source topic, a record container with back-off
 * per retry topic, the dead-letter recorder, and the dead-letter endpoints (role
 * {@code ops}).
 * <p>
 * Why batch + retry topics and not {@code @RetryableTopic}: retry topics do not support
 * batch listeners, and one transaction per event cannot drain a backlog fast enough. The
 * batch container's {@link DefaultErrorHandler} forwards only the failing record (its
 * index comes with a {@code BatchListenerFailedException}); the retry containers use
 * Spring Kafka's own non-blocking back-off pieces (the back-off-aware listener adapter
 * pauses a retry partition until its head record is due).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(EventHandler.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerRuntimeAutoConfiguration {

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

	@Bean
	InboxPurge inboxPurge(JdbcTemplate jdbc, KafkaAdmin kafkaAdmin, ConsumerTopics topics, Environment environment,
			ObjectProvider<MeterRegistry> registry) {
		List<String> applied = new ArrayList<>(List.of(topics.source()));
		applied.addAll(topics.retries());
		return new InboxPurge(jdbc, kafkaAdmin.getConfigurationProperties(), topics.group(), applied,
				Binder.get(environment)
					.bindOrCreate("pipeline.consumer.inbox-purge", Bindable.of(InboxPurgeSettings.class)),
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	DeadLetterStore deadLetterStore(JdbcTemplate jdbc) {
		return new DeadLetterStore(jdbc);
	}

	@Bean
	DeadLetterReplayer deadLetterReplayer(DeadLetterStore store, RuntimeKafka kafka, ConsumerTopics topics) {
		return new DeadLetterReplayer(store, kafka.template(), topics.replay());
	}

	@Bean
	@ConditionalOnWebApplication
	DeadLetterController deadLetterController(DeadLetterStore store, DeadLetterReplayer replayer) {
		return new DeadLetterController(store, replayer);
	}

	/**
	 * Dead-letter operations are for ops users: the records carry customers' data, and a
	 * replay re-applies events. Not scoped by tenant: a malformed record may not even
	 * have a readable one. Applied by the security core in {@code service-support}.
	 */
	@Bean
	@ConditionalOnWebApplication
	EndpointAuthorization deadLetterAuthorization() {
		return (requests) -> requests.requestMatchers("/dead-letters/**").hasRole(Roles.OPS);
	}

	@Bean
	ConsumerContainers consumerContainers(SourceTopicCheck sourceTopic, ObjectProvider<EventHandler> handler,
			ConsumerProperties properties, ConsumerTopics topics, RuntimeKafka kafka, ConsumerMetrics metrics,
			JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DeadLetterStore deadLetters,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		RecordTracing tracing = new RecordTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP), topics.group());
		SourceEventDecoder decoder = new SourceEventDecoder(
				properties.validateSchemas() ? EventDecoder.validating(new EventSchemas()) : EventDecoder.lenient());
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		HeldEvents held = new HeldEvents(jdbc);
		EventApplier applier = new EventApplier(handler.getObject(), new Inbox(jdbc), new EventSequences(jdbc), held,
				new OrderingGate(properties.hold().maxEvents()), decoder, tracing);
		EventProcessor processor = new EventProcessor(handler.getObject(), decoder, applier, transactions, metrics,
				tracing);
		kafka.scheduler()
			.scheduleWithFixedDelay(
					new HeldEventExpiry(jdbc, held, transactions, kafka.template(), topics, metrics,
							properties.hold().maxAge()),
					Instant.now().plus(properties.hold().checkInterval()), properties.hold().checkInterval());
		RetryDelays delays = new RetryDelays(properties.retry());
		ConsumerContainers containers = new ConsumerContainers();

		ConcurrentMessageListenerContainer<String, byte[]> source = kafka.container(topics.source(),
				topics.group() + ".source", properties.concurrency());
		source.setupMessageListener((BatchMessageListener<String, byte[]>) processor::onBatch);
		source.getContainerProperties().setConsumerRebalanceListener(new RevocationCounter(metrics, "source"));
		// A record reported by BatchListenerFailedException is forwarded at once (no
		// in-place retries: the retry topics do that without blocking the partition).
		// Any other exception fails the whole batch, which only happens when the
		// database is unreachable: that batch is retried in place until it is back.
		DefaultErrorHandler sourceErrors = new DefaultErrorHandler(
				new FailedRecordForwarder(kafka.template(), topics, -1, delays, metrics, tracing), untilRecovered());
		// The fallback for whole batches shares the record tracker, hence this function
		// decides for both paths.
		sourceErrors.setBackOffFunction((record, exception) -> Failures.isInfrastructure(exception) ? untilRecovered()
				: new FixedBackOff(0, 0));
		sourceErrors.setCommitRecovered(true);
		source.setCommonErrorHandler(sourceErrors);
		containers.add(source);

		ListenerContainerPauseService pauses = new ListenerContainerPauseService(containers, kafka.scheduler());
		ContainerPartitionPausingBackOffManager backOffs = new ContainerPartitionPausingBackOffManager(containers,
				new ContainerPausingBackOffHandler(pauses));
		for (int i = 0; i < topics.retryAttempts(); i++) {
			String id = topics.group() + ".retry-" + i;
			ConcurrentMessageListenerContainer<String, byte[]> retry = kafka.container(topics.retry(i), id, 1);
			retry.getContainerProperties().setConsumerRebalanceListener(new RevocationCounter(metrics, "retry"));
			retry.setupMessageListener(new KafkaBackoffAwareMessageListenerAdapter<>(
					(MessageListener<String, byte[]>) processor::onRetry, backOffs, id, Clock.systemUTC()));
			DefaultErrorHandler retryErrors = new DefaultErrorHandler(
					new FailedRecordForwarder(kafka.template(), topics, i, delays, metrics, tracing),
					new FixedBackOff(0, 0));
			retryErrors.setBackOffFunction((record, exception) -> Failures.isInfrastructure(exception)
					? untilRecovered() : new FixedBackOff(0, 0));
			retryErrors.setCommitRecovered(true);
			retry.setCommonErrorHandler(retryErrors);
			containers.add(retry);
		}

		ConcurrentMessageListenerContainer<String, byte[]> deadLetter = kafka.container(topics.deadLetter(),
				topics.group() + ".dlt", 1);
		deadLetter.setupMessageListener((MessageListener<String, byte[]>) deadLetters::add);
		deadLetter.getContainerProperties().setConsumerRebalanceListener(new RevocationCounter(metrics, "dead_letter"));
		// The recorder only writes a row. A database that is down or a transient SQL
		// error
		// is waited out; any other failure would repeat for ever and hold up the
		// partition's later dead letters, so after two more tries the record is stored
		// raw (coordinates, value, headers) with the reason.
		DefaultErrorHandler recorderErrors = new DefaultErrorHandler(
				(record, exception) -> deadLetters.addUnparsed(castRecord(record), Failures.unwrap(exception)),
				untilRecovered());
		recorderErrors.setBackOffFunction(
				(record, exception) -> Failures.isTransient(exception) ? untilRecovered() : new FixedBackOff(0, 2));
		recorderErrors.setCommitRecovered(true);
		deadLetter.setCommonErrorHandler(recorderErrors);
		containers.add(deadLetter);
		return containers;
	}

	@Bean
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
	ConsumerHealthIndicator consumerRuntimeHealthIndicator(ConsumerContainers containers) {
		return new ConsumerHealthIndicator(containers);
	}

	@SuppressWarnings("unchecked")
	private static ConsumerRecord<String, byte[]> castRecord(ConsumerRecord<?, ?> record) {
		return (ConsumerRecord<String, byte[]>) record;
	}

	private static BackOff untilRecovered() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
		return backOff;
	}

	/**
	 * The runtime's own Kafka clients, kept out of the application's beans. Their
	 * settings start from the application's Kafka client factories, so
	 * {@code spring.kafka.*}, SSL bundles and connection details (Testcontainers, cloud
	 * bindings) apply; the runtime then fixes what it depends on.
	 */
	static final class RuntimeKafka implements DisposableBean {

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
			// The relay publishes each batch in one Kafka transaction: an aborted batch
			// is
			// re-sent, and only what was committed may take effect.
			consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			// The source, retry and dead-letter containers are members of one group:
			// with the eager default every join or leave (a retry container restarting)
			// made every member give up all its partitions. Cooperative: only what must
			// move stops.
			consumer.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					CooperativeStickyAssignor.class.getName());
			this.consumers = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
					new ByteArrayDeserializer());
			Map<String, Object> producer = new HashMap<>(producerSettings);
			producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			producer.put(ProducerConfig.ACKS_CONFIG, "all");
			producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			producer.put(ProducerConfig.CLIENT_ID_CONFIG, topics.group() + "-consumer-runtime");
			this.producers = new DefaultKafkaProducerFactory<>(producer, new StringSerializer(),
					new ByteArraySerializer());
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
			// Commit the position past a transaction's commit marker, not just past its
			// last
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

}
