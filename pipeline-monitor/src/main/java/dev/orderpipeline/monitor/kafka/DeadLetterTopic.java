package dev.orderpipeline.monitor.kafka;

/**
 * A group's dead-letter topic, read from the broker, so it is known even while the
 * consumer service is down.
 *
 * @param topic the topic name
 * @param exists whether the topic exists
 * @param records log end minus log start over all partitions: every dead letter still
 * retained, replayed or not
 * @param logEndOffset the sum of the partitions' log end offsets; it only grows, so its
 * increase is the dead-letter inflow
 * @param oldestAgeSeconds the age of the oldest retained record, {@code null} when empty
 */
public record DeadLetterTopic(String topic, boolean exists, long records, long logEndOffset, Double oldestAgeSeconds) {

	public static DeadLetterTopic missing(String topic) {
		return new DeadLetterTopic(topic, false, 0, 0, null);
	}

}
