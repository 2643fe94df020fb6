package dev.orderpipeline.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the timestamp of the record at a given offset, with one consumer that belongs to
 * no group ({@code assign} and {@code seek}, never a commit). A batch is read in rounds:
 * one consumer has one position per partition, so when two groups wait at different
 * offsets of the same partition each round takes one of them. A record does not change
 * once written, so timestamps are remembered for as long as they are asked for.
 */
class RecordTimestamps implements AutoCloseable {

	/** A record to read: the first record at or after this offset. */
	record Position(TopicPartition partition, long offset) {
	}

	/**
	 * What was found at a position.
	 *
	 * @param timestamp the record's timestamp in epoch milliseconds, or {@code null} when
	 * nothing but control records lie between the offset and the log end
	 */
	record Found(Long timestamp) {
	}

	private final KafkaConsumer<byte[], byte[]> consumer;

	private Map<Position, Found> remembered = new HashMap<>();

	RecordTimestamps(Map<String, Object> consumerConfig) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-monitor-timestamps");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * Reads what lies at each position. Positions not answered before the deadline are
	 * missing from the result.
	 * @param positions what to read
	 * @param logEnds the log end offset of each partition, to tell an empty stretch from
	 * a slow fetch
	 * @param timeout the longest the whole batch may take
	 * @return what was found, by position
	 */
	Map<Position, Found> read(Set<Position> positions, Map<TopicPartition, Long> logEnds, Duration timeout) {
		Map<Position, Found> found = new HashMap<>();
		Map<TopicPartition, TreeSet<Long>> wanted = new HashMap<>();
		for (Position position : positions) {
			Found known = this.remembered.get(position);
			if (known != null) {
				found.put(position, known);
			}
			else {
				wanted.computeIfAbsent(position.partition(), (p) -> new TreeSet<>()).add(position.offset());
			}
		}
		Instant deadline = Instant.now().plus(timeout);
		while (!wanted.isEmpty() && Instant.now().isBefore(deadline)) {
			Map<TopicPartition, Long> round = new HashMap<>();
			wanted.forEach((partition, offsets) -> round.put(partition, offsets.pollFirst()));
			wanted.values().removeIf(Set::isEmpty);
			readRound(round, logEnds, deadline)
				.forEach((partition, value) -> found.put(new Position(partition, round.get(partition)), value));
		}
		this.remembered = new HashMap<>(found);
		return found;
	}

	private Map<TopicPartition, Found> readRound(Map<TopicPartition, Long> round, Map<TopicPartition, Long> logEnds,
			Instant deadline) {
		Map<TopicPartition, Found> found = new HashMap<>();
		this.consumer.assign(round.keySet());
		try {
			round.forEach(this.consumer::seek);
			readUntilFound(round, logEnds, deadline, found);
		}
		finally {
			// Also after a failure: the next round starts with no assignment and nothing
			// paused.
			this.consumer.unsubscribe();
		}
		return found;
	}

	private void readUntilFound(Map<TopicPartition, Long> round, Map<TopicPartition, Long> logEnds, Instant deadline,
			Map<TopicPartition, Found> found) {
		Set<TopicPartition> pending = new HashSet<>(round.keySet());
		while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
			for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (pending.contains(partition) && record.offset() >= round.get(partition)) {
					found.put(partition, new Found(record.timestamp()));
					pending.remove(partition);
				}
			}
			this.consumer.pause(new ArrayList<>(found.keySet()));
			for (TopicPartition partition : List.copyOf(pending)) {
				// Nothing but transaction markers up to the log end: no record is
				// waiting.
				long end = logEnds.getOrDefault(partition, Long.MAX_VALUE);
				if (this.consumer.position(partition, Duration.ofMillis(500)) >= end) {
					found.put(partition, new Found(null));
					pending.remove(partition);
				}
			}
		}
	}

	@Override
	public void close() {
		this.consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
	}

}
