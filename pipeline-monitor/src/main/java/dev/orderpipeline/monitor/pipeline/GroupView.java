package dev.orderpipeline.monitor.pipeline;

import java.util.List;

import dev.orderpipeline.monitor.kafka.DeadLetterTopic;
import dev.orderpipeline.monitor.kafka.PartitionLag;

/**
 * One consumer group as the status page and the API show it.
 *
 * @param group the group id
 * @param configured configured (true) or discovered (false)
 * @param serviceUrl the consumer service's base URL, {@code null} if not configured
 * @param state the broker's group state
 * @param members the number of members
 * @param status ok, lagging, stalled or stopped
 * @param reason why, empty when ok
 * @param lagMessages the sum over the partitions
 * @param maxLagSeconds the largest time lag of any partition
 * @param partitions lag per partition
 * @param deadLetters the group's dead-letter topic
 */
public record GroupView(String group, boolean configured, String serviceUrl, String state, int members, String status,
		String reason, long lagMessages, double maxLagSeconds, List<PartitionLag> partitions,
		DeadLetterTopic deadLetters) {

}
