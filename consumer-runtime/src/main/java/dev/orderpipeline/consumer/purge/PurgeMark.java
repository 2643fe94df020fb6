package dev.orderpipeline.consumer.purge;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * A time and the end offsets read after it: every inbox row processed before
 * {@code markedAt} belongs to a record below these offsets.
 *
 * @param id the mark
 * @param markedAt when, by the database's clock (the clock of {@code processed_at})
 * @param endOffsets the end offset of every partition the group reads
 */
record PurgeMark(long id, Instant markedAt, Map<TopicPartition, Long> endOffsets) {

	/**
	 * Whether the group can no longer be handed any record below this mark again.
	 * @param committed the group's committed offsets
	 */
	boolean isBelow(Map<TopicPartition, Long> committed) {
		return this.endOffsets.entrySet()
			.stream()
			.allMatch((end) -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), -1L) >= end.getValue());
	}

}
