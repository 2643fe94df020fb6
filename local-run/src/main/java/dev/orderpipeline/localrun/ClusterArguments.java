package dev.orderpipeline.localrun;

import java.util.List;

import dev.orderpipeline.infra.KafkaCluster;

/**
 * With a three-node Kafka cluster, the topics the services declare survive the loss of a
 * node: order-service declares {@code order-events} at replication factor 3 with
 * {@code min.insync.replicas=2}, the consumers their retry and dead-letter topics at 3.
 * Every service gets both settings; each reads only its own. With one broker: none (the
 * services' defaults are 1).
 */
final class ClusterArguments {

	private ClusterArguments() {
	}

	static List<String> of(KafkaCluster cluster) {
		if (cluster.size() == 1) {
			return List.of();
		}
		return List.of("--orders.outbox.topic.replication-factor=" + cluster.replicationFactor(),
				"--orders.outbox.topic.min-insync-replicas=" + cluster.minInsyncReplicas(),
				"--pipeline.consumer.replication-factor=" + cluster.replicationFactor());
	}

}
