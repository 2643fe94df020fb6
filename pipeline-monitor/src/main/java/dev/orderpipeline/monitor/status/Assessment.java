package dev.orderpipeline.monitor.status;

import java.util.List;

/**
 * A group's status with the reason a person needs to act on it.
 *
 * @param status the status
 * @param reason why, in words; empty when ok
 * @param stalledPartitions {@code topic-partition} of each partition whose committed
 * offset has not moved while it has lag
 */
public record Assessment(GroupStatus status, String reason, List<String> stalledPartitions) {

}
