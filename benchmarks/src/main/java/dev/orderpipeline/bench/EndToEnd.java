package dev.orderpipeline.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Commit to published, and commit to applied by each consumer, per order. "Committed" is
 * when the benchmark received the 201 (the commit happened before it, so the latencies
 * are slightly understated, by the answer's way back); "published" is when this
 * benchmark's own consumer, tailing {@code order-events}, received the record (slightly
 * overstated, by one fetch); "applied" is the consumer's
 * {@code processed_event.processed_at}, written in the transaction that applied the event
 * ({@code now()}: its start, so slightly understated again).
 */
final class EndToEnd implements AutoCloseable {

	private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

	private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");

	/** Upper bound of each order's commit time: its createdAt. */
	private final Map<String, Instant> created = new ConcurrentHashMap<>();

	/** Lower bound: the 201 received. */
	private final Map<String, Instant> committed = new ConcurrentHashMap<>();

	private final Map<String, Instant> published = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread tail;

	private volatile boolean running = true;

	EndToEnd(Stack stack) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.consumer = new KafkaConsumer<>(properties);
		List<TopicPartition> partitions = this.consumer.partitionsFor(Stack.TOPIC)
			.stream()
			.map((info) -> new TopicPartition(Stack.TOPIC, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.tail = new Thread(this::tail, "end-to-end-tail");
		this.tail.setDaemon(true);
		this.tail.start();
	}

	OpenLoopLoad.Answers answers() {
		return (sequence, response, received) -> {
			if (response.statusCode() == 201) {
				String id = Orders.idOf(response.body());
				Matcher createdAt = CREATED_AT.matcher(response.body());
				if (id != null && createdAt.find()) {
					this.committed.put(id, received);
					this.created.put(id, Instant.parse(createdAt.group(1)));
				}
			}
		};
	}

	private void tail() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.published.putIfAbsent(record.key(), Instant.now());
				}
			}
		}
		catch (org.apache.kafka.common.errors.WakeupException ex) {
			// Closing.
		}
	}

	int committedCount() {
		return this.committed.size();
	}

	/** Waits until every committed order was seen on the topic, or the timeout. */
	boolean awaitPublished(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.published.keySet().containsAll(this.committed.keySet())) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	/** From createdAt (upper bound) or from the 201 (lower bound) to published. */
	Histogram commitToPublished(boolean fromCreatedAt) {
		Histogram histogram = new Histogram(MAX_NANOS, 3);
		(fromCreatedAt ? this.created : this.committed).forEach((id, at) -> {
			Instant seen = this.published.get(id);
			if (seen != null) {
				histogram.recordValue(clamp(Duration.between(at, seen).toNanos()));
			}
		});
		return histogram;
	}

	/**
	 * From the consumer's inbox: when each of the committed orders' events was applied.
	 */
	Histogram commitToApplied(Connection connection, boolean fromCreatedAt) throws Exception {
		Map<String, Instant> from = fromCreatedAt ? this.created : this.committed;
		Histogram histogram = new Histogram(MAX_NANOS, 3);
		try (PreparedStatement query = connection
			.prepareStatement("select order_id, processed_at from processed_event where order_id = any(?)")) {
			Array ids = connection.createArrayOf("text", this.committed.keySet().toArray());
			query.setArray(1, ids);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					Instant at = from.get(rs.getString(1));
					Timestamp applied = rs.getTimestamp(2);
					if (at != null) {
						histogram.recordValue(clamp(Duration.between(at, applied.toInstant()).toNanos()));
					}
				}
			}
		}
		return histogram;
	}

	private static long clamp(long nanos) {
		return Math.min(Math.max(nanos, 0), MAX_NANOS);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.tail.join(5000);
		this.consumer.close(Duration.ofSeconds(2));
	}

}
