package dev.orderpipeline.localrun;

import java.util.List;

import dev.orderpipeline.infra.KafkaCluster;

/**
 * With a three-node Kafka cluster, the topics the services declare survive the loss of a
 * node: order-service declares {@code order-events} at replication factor 3 with
 * {@code min.insync.replicas=2}, the consumers expect it so and declare their retry and
 * dead-letter topics the same way. Every service gets both settings; each reads only its
 * own. With one broker: none (the services' defaults are 1).
 */
final class ClusterArguments {

	private ClusterArguments() {
	}

	static List<String> of(KafkaCluster cluster) {
		if (cluster.size() == 1) {
			return List.of();
		}
		String replicas = Short.toString(cluster.replicationFactor());
		String minInsync = Integer.toString(cluster.minInsyncReplicas());
		return List.of("--orders.outbox.topic.replication-factor=" + replicas,
				"--orders.outbox.topic.min-insync-replicas=" + minInsync,
				// The consumers refuse a source topic that is not declared as expected.
				"--pipeline.consumer.source.replication-factor=" + replicas,
				"--pipeline.consumer.source.min-insync-replicas=" + minInsync,
				"--pipeline.consumer.group-topics.replication-factor=" + replicas,
				"--pipeline.consumer.group-topics.min-insync-replicas=" + minInsync);
	}

}
