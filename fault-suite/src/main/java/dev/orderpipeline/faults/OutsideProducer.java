package dev.orderpipeline.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer outside the pipeline, on {@code order-events}: it publishes records the
 * relay published once again (duplicates), the events of an order again newest first
 * (reordered), and records no consumer can apply (poison). Every consumer group must
 * apply each event once, in its order, and dead-letter the poison with a reason, while
 * the records behind it go on.
 */
final class OutsideProducer implements AutoCloseable {

	static final String TOPIC = "order-events";

	private static final Duration AWAIT_RECORDS = Duration.ofSeconds(60);

	private final String bootstrapServers;

	private final KafkaProducer<byte[], byte[]> producer;

	OutsideProducer(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	/**
	 * @return how many records went out
	 */
	int duplicates(Random random, int count) {
		List<ConsumerRecord<byte[], byte[]>> recent = new ArrayList<>(
				awaitRecords(60, (records) -> !records.isEmpty()));
		Collections.shuffle(recent, random);
		List<ConsumerRecord<byte[], byte[]>> chosen = recent.subList(0, Math.min(count, recent.size()));
		chosen.forEach(this::publishAgain);
		flush();
		return chosen.size();
	}

	/**
	 * @return how many records went out
	 */
	int reordered(Random random, int orders) {
		List<List<ConsumerRecord<byte[], byte[]>>> several = new ArrayList<>(
				ordersWithSeveral(awaitRecords(200, (records) -> !ordersWithSeveral(records).isEmpty())));
		Collections.shuffle(several, random);
		int sent = 0;
		for (List<ConsumerRecord<byte[], byte[]>> events : several.subList(0, Math.min(orders, several.size()))) {
			List<ConsumerRecord<byte[], byte[]>> newestFirst = new ArrayList<>(events);
			Collections.reverse(newestFirst);
			newestFirst.forEach(this::publishAgain);
			sent += newestFirst.size();
		}
		flush();
		return sent;
	}

	/**
	 * @return how many records went out
	 */
	int poison(Random random) {
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		String order = UUID.randomUUID().toString();
		records
			.add(record(order, "not json at all {", headers(UUID.randomUUID().toString(), "order.placed.v1", order)));
		records.add(record(order, "", headers(UUID.randomUUID().toString(), "order.placed.v1", order)));
		records.add(record(order, null, headers(UUID.randomUUID().toString(), "order.placed.v1", order)));
		records.add(record(order, "{\"orderId\":\"" + order + "\"}", headers(null, "order.placed.v1", order)));
		records.add(record(order, "{\"orderId\":\"" + order + "\"}", headers("not-a-uuid", "order.placed.v1", order)));
		records.add(record(order, "{\"orderId\":\"" + order + "\",\"total\":{\"amount\":\"lots\"}}",
				headers(UUID.randomUUID().toString(), "order.placed.v1", order)));
		records.add(record(order, "{\"orderId\":\"" + order + "\"}",
				headers(UUID.randomUUID().toString(), "order.exploded.v9", order)));
		records.add(record(null, "{\"orderId\":\"" + order + "\"}",
				headers(UUID.randomUUID().toString(), "order.cancelled.v1", order)));
		byte[] garbage = new byte[64];
		random.nextBytes(garbage);
		records.add(new ProducerRecord<>(TOPIC, null, order.getBytes(StandardCharsets.UTF_8), garbage,
				headers(UUID.randomUUID().toString(), "order.placed.v1", order)));
		records.forEach(this.producer::send);
		flush();
		return records.size();
	}

	private static ProducerRecord<byte[], byte[]> record(String key, String value, List<Header> headers) {
		return new ProducerRecord<>(TOPIC, null, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null,
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null, headers);
	}

	private static List<Header> headers(String id, String type, String subject) {
		List<Header> headers = new ArrayList<>();
		headers.add(header("ce_specversion", "1.0"));
		if (id != null) {
			headers.add(header("ce_id", id));
		}
		headers.add(header("ce_type", type));
		headers.add(header("ce_source", "fault-suite"));
		headers.add(header("ce_subject", subject));
		headers.add(header("ce_time", Instant.now().toString()));
		headers.add(header("content-type", "application/json"));
		return headers;
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private void publishAgain(ConsumerRecord<byte[], byte[]> record) {
		this.producer.send(new ProducerRecord<>(TOPIC, null, record.key(), record.value(), record.headers()));
	}

	private void flush() {
		this.producer.flush();
	}

	/**
	 * The recent records once they hold what the fault needs. Early in a run (the first
	 * round on a fresh stack) the relay may not have published anything yet; a fault that
	 * found nothing to publish again would count as played without being played.
	 */
	private List<ConsumerRecord<byte[], byte[]>> awaitRecords(int perPartition,
			Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
		Instant deadline = Instant.now().plus(AWAIT_RECORDS);
		List<ConsumerRecord<byte[], byte[]>> records = recentRecords(perPartition);
		while (!enough.test(records) && Instant.now().isBefore(deadline)) {
			FaultInjector.sleep(Duration.ofSeconds(2));
			records = recentRecords(perPartition);
		}
		if (!enough.test(records)) {
			throw new IllegalStateException(
					"order-events did not hold the records this fault needs within " + AWAIT_RECORDS);
		}
		return records;
	}

	/**
	 * The records of each order (by key) that has more than one, each in partition order.
	 */
	private static List<List<ConsumerRecord<byte[], byte[]>>> ordersWithSeveral(
			List<ConsumerRecord<byte[], byte[]>> records) {
		Map<String, List<ConsumerRecord<byte[], byte[]>>> byOrder = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (record.key() != null) {
				byOrder.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), (k) -> new ArrayList<>())
					.add(record);
			}
		}
		return byOrder.values().stream().filter((events) -> events.size() > 1).toList();
	}

	/** The last {@code perPartition} committed records of every partition. */
	private List<ConsumerRecord<byte[], byte[]>> recentRecords(int perPartition) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
			for (TopicPartition partition : partitions) {
				consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - perPartition));
			}
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline && partitions.stream()
				.anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
						records.add(record);
					}
				});
			}
			return records;
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
