package dev.orderpipeline.monitor.kafka;

/**
 * One partition a group consumes, as Kafka's consumer-groups tool would show it, plus the
 * time lag.
 *
 * @param topic the topic
 * @param partition the partition
 * @param committedOffset the group's committed offset, or {@code null} if it has none
 * @param logStartOffset the first offset still in the log
 * @param logEndOffset the high watermark (the tool's LOG-END-OFFSET)
 * @param lagMessages log end minus committed offset (the tool's LAG); without a committed
 * offset, log end minus log start: what the group would have to read from the earliest
 * offset
 * @param lagSeconds age of the oldest unconsumed record (the record at the committed
 * offset) when the observation was made; 0 without lag; {@code null} if it could not be
 * read
 */
public record PartitionLag(String topic, int partition, Long committedOffset, long logStartOffset, long logEndOffset,
		long lagMessages, Double lagSeconds) {

}
