package dev.orderpipeline.consumer;

import java.util.Collection;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the partitions a container gives up in rebalances. With the cooperative sticky
 * assignor a member joining or leaving the group (a retry container restarting) moves
 * only the partitions that must move; the source container's count staying flat shows
 * that nothing paused it.
 */
final class RevocationCounter implements ConsumerRebalanceListener {

	private final ConsumerMetrics metrics;

	private final String container;

	RevocationCounter(ConsumerMetrics metrics, String container) {
		this.metrics = metrics;
		this.container = container;
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			this.metrics.revoked(this.container, partitions.size());
		}
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
	}

	@Override
	public void onPartitionsLost(Collection<TopicPartition> partitions) {
		onPartitionsRevoked(partitions);
	}

}
