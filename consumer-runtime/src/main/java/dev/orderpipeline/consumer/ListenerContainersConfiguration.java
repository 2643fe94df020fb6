package dev.orderpipeline.consumer;

import java.time.Clock;
import java.time.Instant;

import dev.orderpipeline.consumer.deadletter.DeadLetterStore;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.kafka.EventDecoder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerPartitionPausingBackOffManager;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.adapter.KafkaBackoffAwareMessageListenerAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener containers: the batch container on the source topic, one record container
 * with back-off per retry topic, and the dead-letter recorder, all driving one
 * {@link EventProcessor}; and their health. Apart from the topics and clients because
 * this is where the event path is assembled, and it reads best on its own. What each
 * container does with a failure is in {@link ContainerErrorHandlers}. Imported by
 * {@link ConsumerRuntimeAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ListenerContainersConfiguration {

	/**
	 * One decoder for the live consumer and for other readers of the source topic
	 * ({@link SourceEvents}), so both skip and apply the same records.
	 */
	@Bean
	SourceEventDecoder sourceEventDecoder(ConsumerProperties properties) {
		return new SourceEventDecoder(
				properties.validateSchemas() ? EventDecoder.validating(new EventSchemas()) : EventDecoder.lenient());
	}

	@Bean
	SourceEvents sourceEvents(ConsumerTopics topics, SourceEventDecoder decoder) {
		return new SourceEvents(topics.source(), decoder);
	}

	@Bean
	ConsumerContainers consumerContainers(SourceTopicCheck sourceTopic, ObjectProvider<EventHandler> handler,
			ConsumerProperties properties, ConsumerTopics topics, RuntimeKafka kafka, ConsumerMetrics metrics,
			JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DeadLetterStore deadLetters,
			SourceEventDecoder decoder, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		RecordTracing tracing = new RecordTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP), topics.group());
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
		source.setCommonErrorHandler(ContainerErrorHandlers
			.source(new FailedRecordForwarder(kafka.template(), topics, -1, delays, metrics, tracing)));
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
			retry.setCommonErrorHandler(ContainerErrorHandlers
				.retry(new FailedRecordForwarder(kafka.template(), topics, i, delays, metrics, tracing)));
			containers.add(retry);
		}

		ConcurrentMessageListenerContainer<String, byte[]> deadLetter = kafka.container(topics.deadLetter(),
				topics.group() + ".dlt", 1);
		deadLetter.setupMessageListener((MessageListener<String, byte[]>) deadLetters::add);
		deadLetter.getContainerProperties().setConsumerRebalanceListener(new RevocationCounter(metrics, "dead_letter"));
		deadLetter.setCommonErrorHandler(ContainerErrorHandlers.deadLetterRecorder(deadLetters));
		containers.add(deadLetter);
		return containers;
	}

	@Bean
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
	ConsumerHealthIndicator consumerRuntimeHealthIndicator(ConsumerContainers containers) {
		return new ConsumerHealthIndicator(containers);
	}

}
