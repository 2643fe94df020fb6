package dev.orderpipeline.monitor.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.http.HttpStatus;

/**
 * Re-delivers a missing event to one group only: reads the original record from the
 * source topic (committed records only, as the consumers read it) and publishes its key,
 * value and headers to that group's first retry topic, where the consumer runtime applies
 * it like any retry. Never to the source topic, where every other group would see it
 * again. Safe to repeat: consumers deduplicate by event id, so re-delivering an event
 * applied in the meantime changes nothing.
 */
final class Redelivery {

	/** Set on the copy: where the original is, {@code topic-partition@offset}. */
	static final String REDELIVERY_OF = "pipeline_redelivery-of";

	private final Map<String, Object> consumerSettings;

	private final Map<String, Object> producerSettings;

	private final String sourceTopic;

	private final ReconciliationProperties properties;

	private final RedeliveryAudit audit;

	private final Duration timeout;

	private final Clock clock;

	Redelivery(Map<String, Object> consumerSettings, Map<String, Object> producerSettings, String sourceTopic,
			ReconciliationProperties properties, RedeliveryAudit audit, Duration timeout, Clock clock) {
		this.consumerSettings = Map.copyOf(consumerSettings);
		this.producerSettings = Map.copyOf(producerSettings);
		this.sourceTopic = sourceTopic;
		this.properties = properties;
		this.audit = audit;
		this.timeout = timeout;
		this.clock = clock;
	}

	RedeliveredEvent redeliver(RedeliveryRequest request, String actor) {
		validate(request);
		ConsumerRecord<String, byte[]> original = read(new TopicPartition(this.sourceTopic, request.partition()),
				request.offset());
		String eventId = header(original, "ce_id");
		if (request.eventId() != null && (eventId == null || !sameId(request.eventId(), eventId))) {
			throw new RedeliveryRefusedException(HttpStatus.CONFLICT, "Not the event asked for",
					"The record at " + coordinates(original) + " has ce_id " + eventId + ", not " + request.eventId()
							+ "; run reconciliation again and re-deliver what it lists");
		}
		String target = this.properties.retryTopicOf(request.group(), this.sourceTopic);
		RecordMetadata sent = publish(target, original);
		RedeliveredEvent event = new RedeliveredEvent(Instant.now(this.clock), actor, request.group(), eventId,
				header(original, "ce_type"), coordinates(original),
				target + "-" + sent.partition() + "@" + sent.offset());
		this.audit.record(event);
		return event;
	}

	private void validate(RedeliveryRequest request) {
		if (request.group() == null || request.partition() == null || request.offset() == null) {
			throw new RedeliveryRefusedException(HttpStatus.BAD_REQUEST, "Incomplete request",
					"group, partition and offset are required (as reconciliation lists a missing event)");
		}
		Set<String> groups = this.properties.consumers().keySet();
		if (!groups.contains(request.group())) {
			throw new RedeliveryRefusedException(HttpStatus.NOT_FOUND, "Unknown consumer group",
					"Group " + request.group() + " is not reconciled here; known groups: " + groups);
		}
		if (request.partition() < 0 || request.offset() < 0) {
			throw new RedeliveryRefusedException(HttpStatus.BAD_REQUEST, "Invalid coordinates",
					"partition and offset must not be negative");
		}
	}

	private ConsumerRecord<String, byte[]> read(TopicPartition partition, long offset) {
		Map<String, Object> settings = new HashMap<>(this.consumerSettings);
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-monitor-redelivery-" + UUID.randomUUID());
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			if (consumer.partitionsFor(partition.topic(), this.timeout)
				.stream()
				.noneMatch((info) -> info.partition() == partition.partition())) {
				throw notFound(partition, offset);
			}
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), this.timeout).get(partition);
			if (offset >= end) {
				throw notFound(partition, offset);
			}
			consumer.seek(partition, offset);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (System.nanoTime() < deadline && consumer.position(partition, this.timeout) < end) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					// Past it: the offset held a transaction marker or an aborted record.
					if (record.offset() != offset) {
						throw notFound(partition, offset);
					}
					return record;
				}
			}
			throw notFound(partition, offset);
		}
	}

	private RecordMetadata publish(String topic, ConsumerRecord<String, byte[]> original) {
		Map<String, Object> settings = new HashMap<>(this.producerSettings);
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-monitor-redelivery-" + UUID.randomUUID());
		RecordHeaders headers = new RecordHeaders();
		for (Header header : original.headers()) {
			headers.add(header);
		}
		headers.add(REDELIVERY_OF, coordinates(original).getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new ByteArraySerializer())) {
			return producer.send(new ProducerRecord<>(topic, null, original.key(), original.value(), headers))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedeliveryRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted",
					"Re-delivery of " + coordinates(original) + " was interrupted; it may or may not have been sent");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new RedeliveryRefusedException(HttpStatus.BAD_GATEWAY, "Broker did not take the record",
					"Could not publish " + coordinates(original) + " to " + topic + ": " + ex.getMessage());
		}
	}

	private static RedeliveryRefusedException notFound(TopicPartition partition, long offset) {
		return new RedeliveryRefusedException(HttpStatus.NOT_FOUND, "No such record",
				"No committed record at " + partition + "@" + offset);
	}

	private static boolean sameId(String asked, String found) {
		return asked.trim().equalsIgnoreCase(found.trim());
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
