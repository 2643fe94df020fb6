package dev.orderpipeline.search.rebuild;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/** The running counters of one rebuild, written to its row with every batch. */
final class RebuildProgress {

	private final Map<TopicPartition, Long> beginning;

	private final Map<TopicPartition, Long> end;

	private final Map<TopicPartition, Long> positions;

	long recordsRead;

	long eventsApplied;

	long recordsSkipped;

	RebuildProgress(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
		this.beginning = new HashMap<>(beginning);
		this.end = new HashMap<>(end);
		this.positions = new HashMap<>(beginning);
	}

	/** Partitions added to the topic during the rebuild, read from their beginning. */
	void added(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
		beginning.forEach((partition, offset) -> {
			this.beginning.put(partition, offset);
			this.end.put(partition, end.get(partition));
			this.positions.putIfAbsent(partition, offset);
		});
	}

	void reached(Map<TopicPartition, Long> positions) {
		this.positions.putAll(positions);
	}

	List<PartitionProgress> partitions() {
		return this.beginning.keySet()
			.stream()
			.sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
			.map((p) -> new PartitionProgress(p.partition(), this.beginning.get(p), this.end.get(p),
					this.positions.get(p)))
			.toList();
	}

}
