package dev.orderpipeline.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real order-placed record as the relay published it, used to write outbox backlogs in
 * exactly the format the order service writes them: the same payload and headers, with a
 * fresh order id and event id per row, so every row is a distinct order to the consumers.
 */
record RecordTemplate(String orderId, String eventId, String eventType, String payload, Map<String, String> headers) {

	/** The most recent order-placed record of {@code order-events}. */
	static RecordTemplate capture(Stack stack) throws Exception {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Stack.TOPIC)
				.stream()
				.map((info) -> new TopicPartition(Stack.TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			ends.forEach((partition, end) -> consumer.seek(partition, Math.max(0, end - 20)));
			long deadline = System.currentTimeMillis() + 15_000;
			while (System.currentTimeMillis() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Map<String, String> headers = new LinkedHashMap<>();
					for (Header header : record.headers()) {
						headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
					}
					String type = headers.getOrDefault("ce_type", "");
					if (type.contains("placed") && headers.containsKey("ce_id")) {
						return new RecordTemplate(record.key(), headers.get("ce_id"), type,
								new String(record.value(), StandardCharsets.UTF_8), headers);
					}
				}
			}
		}
		throw new IllegalStateException("No order-placed record on " + Stack.TOPIC + " to copy the format from");
	}

	/** Bytes on the wire per record: key, value and headers. */
	int recordSize() {
		int size = this.orderId.length() + this.payload.getBytes(StandardCharsets.UTF_8).length;
		for (Map.Entry<String, String> header : this.headers.entrySet()) {
			size += header.getKey().length() + header.getValue().getBytes(StandardCharsets.UTF_8).length;
		}
		return size;
	}

	int payloadSize() {
		return this.payload.getBytes(StandardCharsets.UTF_8).length;
	}

	String headersJson() {
		StringBuilder json = new StringBuilder("{");
		this.headers.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(escape(name)).append("\":\"").append(escape(value)).append('"');
		});
		return json.append('}').toString();
	}

	/**
	 * Inserts {@code rows} outbox rows in one transaction, so the relay sees the whole
	 * backlog at once.
	 */
	void insertBacklog(Connection connection, int rows) throws Exception {
		connection.setAutoCommit(false);
		String headersJson = headersJson();
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, ?, 1, ?, cast(? as jsonb))""")) {
			for (int i = 0; i < rows; i++) {
				UUID orderId = UUID.randomUUID();
				UUID eventId = UUID.randomUUID();
				insert.setObject(1, eventId);
				insert.setObject(2, orderId);
				insert.setString(3, this.eventType);
				insert.setBytes(4,
						this.payload.replace(this.orderId, orderId.toString())
							.replace(this.eventId, eventId.toString())
							.getBytes(StandardCharsets.UTF_8));
				insert.setString(5, headersJson.replace(this.orderId, orderId.toString())
					.replace(this.eventId, eventId.toString()));
				insert.addBatch();
				if (i % 5000 == 4999) {
					insert.executeBatch();
				}
			}
			insert.executeBatch();
		}
		connection.commit();
		connection.setAutoCommit(true);
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
