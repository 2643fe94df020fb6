package dev.orderpipeline.monitor.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.monitor.kafka.RecordTimestamps.Found;
import dev.orderpipeline.monitor.kafka.RecordTimestamps.Position;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns offsets and the timestamps found at them into lag: messages behind per partition,
 * the age of the oldest unconsumed record, and a dead-letter topic's size and oldest
 * record. Pure arithmetic over one moment's reading, so every group of one observation is
 * measured against the same log ends and the same instant.
 */
final class LagCalculation {

	private final Map<TopicPartition, Long> starts;

	private final Map<TopicPartition, Long> ends;

	private final Map<Position, Found> found;

	private final Instant at;

	/**
	 * @param starts log start offsets
	 * @param ends log end offsets; a partition missing here was deleted and is skipped
	 * @param found the timestamps of the records read at the positions that matter
	 * @param at when the offsets were read
	 */
	LagCalculation(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, Map<Position, Found> found,
			Instant at) {
		this.starts = starts;
		this.ends = ends;
		this.found = found;
		this.at = at;
	}

	/**
	 * One group's lag on each partition it reads, sorted by topic and partition.
	 * @param positions where the group reads from: its committed offset, or the log start
	 * @param committed the group's committed offsets
	 */
	List<PartitionLag> lags(Map<TopicPartition, Long> positions, Map<TopicPartition, OffsetAndMetadata> committed) {
		List<PartitionLag> lags = new ArrayList<>();
		positions.forEach((tp, position) -> {
			OffsetAndMetadata offset = committed.get(tp);
			long end = this.ends.get(tp);
			long lag = Math.max(0, end - ((offset != null) ? offset.offset() : this.starts.get(tp)));
			Double seconds = (position >= end) ? Double.valueOf(0) : ageOf(this.found.get(new Position(tp, position)));
			lags.add(new PartitionLag(tp.topic(), tp.partition(), (offset != null) ? offset.offset() : null,
					this.starts.get(tp), end, lag, seconds));
		});
		lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
		return List.copyOf(lags);
	}

	/**
	 * A dead-letter topic's retained records and the age of the oldest.
	 * @param description the topic, or {@code null} if it does not exist
	 */
	DeadLetterTopic deadLetters(String topic, TopicDescription description) {
		if (description == null) {
			return DeadLetterTopic.missing(topic);
		}
		long records = 0;
		long logEnd = 0;
		Long oldest = null;
		for (TopicPartition tp : AdminQueries.partitionsOf(description)) {
			if (!this.ends.containsKey(tp)) {
				continue;
			}
			records += this.ends.get(tp) - this.starts.get(tp);
			logEnd += this.ends.get(tp);
			Found first = this.found.get(new Position(tp, this.starts.get(tp)));
			if (first != null && first.timestamp() != null) {
				oldest = (oldest == null) ? first.timestamp() : Math.min(oldest, first.timestamp());
			}
		}
		Double age = (oldest != null) ? ageOf(new Found(oldest)) : null;
		return new DeadLetterTopic(topic, true, records, logEnd, age);
	}

	/**
	 * Age of a record when the offsets were read, 0 for nothing to read or a timestamp in
	 * the future, {@code null} if the record could not be read in time.
	 */
	private Double ageOf(Found record) {
		if (record == null) {
			return null;
		}
		if (record.timestamp() == null) {
			return 0.0;
		}
		return Math.max(0, this.at.toEpochMilli() - record.timestamp()) / 1000.0;
	}

}
