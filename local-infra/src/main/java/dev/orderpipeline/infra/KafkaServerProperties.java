package dev.orderpipeline.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code server.properties} of one KRaft node (broker and controller in one process).
 * Written before every start, so a restarted node always runs with the settings of this
 * code, whatever an earlier run left in its work directory.
 *
 * @param nodeId the node's id, 1 to the cluster's size
 * @param port the client (PLAINTEXT) port
 * @param controllerPort the controller port
 * @param voters {@code controller.quorum.voters}: every node of the cluster
 * @param internalReplicas replicas of the internal topics (offsets, transactions): the
 * cluster's size, up to 3
 */
record KafkaServerProperties(int nodeId, int port, int controllerPort, String voters, int internalReplicas) {

	/** Writes the properties for a node whose log lives in {@code logDirectory}. */
	void writeTo(Path file, Path logDirectory) throws IOException {
		Files.writeString(file, render(logDirectory));
	}

	String render(Path logDirectory) {
		return String
			.join("\n", "process.roles=broker,controller", "node.id=" + this.nodeId,
					"controller.quorum.voters=" + this.voters,
					"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
					"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
					"inter.broker.listener.name=PLAINTEXT",
					"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
					"log.dirs=" + logDirectory.toAbsolutePath(),
					// Topics are declared by the services that own them, never created by
					// accident.
					"auto.create.topics.enable=false", "num.partitions=3",
					"offsets.topic.replication.factor=" + this.internalReplicas, "offsets.topic.num.partitions=10",
					"transaction.state.log.replication.factor=" + this.internalReplicas,
					"transaction.state.log.min.isr=" + internalMinIsr(),
					"share.coordinator.state.topic.replication.factor=" + this.internalReplicas,
					"share.coordinator.state.topic.min.isr=" + internalMinIsr(), "group.initial.rebalance.delay.ms=0",
					// In a cluster a killed node is fenced after the session timeout
					// (default 9 s), its partitions' leadership moving to the others.
					"broker.session.timeout.ms=" + ((this.internalReplicas > 1) ? 6000 : 9000),
					"log.retention.hours=-1", "")
			.replace("\\", "/");
	}

	private int internalMinIsr() {
		return (this.internalReplicas >= 3) ? 2 : 1;
	}

}
