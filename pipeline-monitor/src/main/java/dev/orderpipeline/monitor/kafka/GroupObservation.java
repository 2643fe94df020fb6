package dev.orderpipeline.monitor.kafka;

import java.util.List;

/**
 * What the broker says about one consumer group at one moment.
 *
 * @param group the group id
 * @param configured whether the group is configured (otherwise it was discovered)
 * @param state the group state as the broker reports it (STABLE, EMPTY, DEAD, ...)
 * @param members the number of members
 * @param partitions lag per partition, ordered by topic and partition
 * @param deadLetters the group's dead-letter topic
 */
public record GroupObservation(String group, boolean configured, String state, int members,
		List<PartitionLag> partitions, DeadLetterTopic deadLetters) {

	public long lagMessages() {
		return this.partitions.stream().mapToLong(PartitionLag::lagMessages).sum();
	}

	/**
	 * @return the largest time lag of any partition, 0 without partitions
	 */
	public double maxLagSeconds() {
		return this.partitions.stream()
			.map(PartitionLag::lagSeconds)
			.filter(java.util.Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(0);
	}

}
