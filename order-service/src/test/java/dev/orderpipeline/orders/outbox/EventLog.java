package dev.orderpipeline.orders.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.orderpipeline.events.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.awaitility.Awaitility.await;

/**
 * Reads {@code order-events} with a plain {@code read_committed} consumer, from the end
 * of every partition as it was when the log was opened: a test sees only what was
 * published after it started, whatever earlier tests left on the shared topic.
 */
final class EventLog implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	private EventLog(KafkaConsumer<String, byte[]> consumer) {
		this.consumer = consumer;
	}

	static EventLog open(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// As every reader of order-events: only what committed Kafka transactions wrote.
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30))
			.until(() -> consumer.partitionsFor(EventTopics.ORDER_EVENTS, Duration.ofSeconds(5))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList(), (list) -> !list.isEmpty());
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return new EventLog(consumer);
	}

	/** Polls until the records of the given key satisfy the condition; returns them. */
	List<ConsumerRecord<String, byte[]>> awaitRecords(String key,
			Predicate<List<ConsumerRecord<String, byte[]>>> condition, Duration timeout) {
		await().atMost(timeout).until(() -> {
			poll();
			return condition.test(of(key));
		});
		return of(key);
	}

	/** Polls for a while and returns everything of the key seen so far. */
	List<ConsumerRecord<String, byte[]>> of(String key) {
		return this.records.stream().filter((record) -> key.equals(record.key())).toList();
	}

	void poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
