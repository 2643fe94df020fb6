package dev.orderpipeline.checker;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * One consumer database read in one repeatable-read transaction.
 *
 * @param inboxIds the event ids in its inbox ({@code processed_event})
 * @param inboxTypes per order id, the event type names its inbox holds
 * @param deadLetters its dead-letter store
 * @param effects what it made of the events
 * @param purgedBelow the inbox purge's horizon: per partition, the end offset of the mark
 * the runtime last purged to (empty if it never purged); below it, an applied event's
 * inbox row may be gone
 */
record ConsumerSnapshot(Set<String> inboxIds, Map<String, Set<String>> inboxTypes, List<DeadLetterEntry> deadLetters,
		Object effects, Map<TopicPartition, Long> purgedBelow) {

	/** Whether the purge may have removed this record's inbox row. */
	boolean belowPurgeHorizon(PublishedRecord record) {
		Long horizon = this.purgedBelow.get(new TopicPartition(record.topic(), record.partition()));
		return horizon != null && record.offset() < horizon;
	}

	/**
	 * Whether the inbox holds an event of this type name ({@code order.cancelled}) for an
	 * order.
	 */
	boolean applied(String orderId, String typeName) {
		return this.inboxTypes.getOrDefault(orderId, Set.of())
			.stream()
			.anyMatch((type) -> type.equals(typeName) || type.startsWith(typeName + "."));
	}

	/**
	 * One row of {@code dead_letter}.
	 *
	 * @param eventId its ce_id in canonical form, or {@code null}
	 * @param origin where the record first was, {@code topic-partition@offset}, or
	 * {@code null} if unknown
	 * @param at where it is on the dead-letter topic
	 * @param reason the exception class and message
	 * @param replayed whether it was replayed since
	 */
	record DeadLetterEntry(String eventId, String origin, String at, String reason, boolean replayed) {

	}

}
