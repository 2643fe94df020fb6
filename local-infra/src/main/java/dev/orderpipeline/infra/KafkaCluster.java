package dev.orderpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * Kafka brokers forming one KRaft cluster: every node is a combined broker and
 * controller, and all of them vote, so a cluster of three keeps a quorum and every
 * partition a leader with one node killed. Of one node it is the single broker of the
 * local run and the tests. Each node runs in its own JVM and can be killed, stopped and
 * started again on its ports and log directory ({@link #node}).
 */
public final class KafkaCluster implements AutoCloseable {

	private final List<KafkaBroker> nodes;

	private KafkaCluster(List<KafkaBroker> nodes) {
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * Starts {@code ports.size()} nodes and waits until each is ready.
	 * @param ports each node's client port
	 * @param controllerPorts each node's controller port
	 * @param workDirectory node {@code i} keeps its data in {@code node-i} below it (a
	 * single node directly in it, as before clusters)
	 * @param keepData reuse formatted log directories instead of starting empty
	 */
	public static KafkaCluster start(List<Integer> ports, List<Integer> controllerPorts, Path workDirectory,
			boolean keepData) {
		if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
			throw new IllegalArgumentException(
					"One client and one controller port per node: " + ports + ", " + controllerPorts);
		}
		if (ports.size() == 1) {
			return new KafkaCluster(
					List.of(KafkaBroker.start(ports.get(0), controllerPorts.get(0), workDirectory, keepData)));
		}
		String voters = java.util.stream.IntStream.range(0, ports.size())
			.mapToObj((i) -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
			.collect(Collectors.joining(","));
		String clusterId = clusterId(workDirectory, keepData);
		List<KafkaBroker> nodes = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			KafkaServerProperties properties = new KafkaServerProperties(i + 1, ports.get(i), controllerPorts.get(i),
					voters, Math.min(3, ports.size()));
			KafkaBroker node = new KafkaBroker(properties, workDirectory.resolve("node-" + (i + 1)), clusterId);
			nodes.add(node);
		}
		KafkaCluster cluster = new KafkaCluster(nodes);
		try {
			for (KafkaBroker node : nodes) {
				Files.createDirectories(workDirectory.resolve("node-" + node.nodeId()));
				node.prepare(keepData);
			}
			// All at once: none is ready before a majority of the voters runs.
			nodes.forEach(KafkaBroker::launchBroker);
			nodes.forEach(KafkaBroker::awaitReady);
			return cluster;
		}
		catch (IOException ex) {
			cluster.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** A private cluster of {@code size} nodes on free ports, as the tests use. */
	public static KafkaCluster startOnFreePorts(int size, Path workDirectory) {
		List<Integer> ports = new ArrayList<>();
		List<Integer> controllerPorts = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			ports.add(Ports.findFree());
			controllerPorts.add(Ports.findFree());
		}
		return start(ports, controllerPorts, workDirectory, false);
	}

	/** Every node's address: a client reaches the cluster while any one of them is up. */
	public String bootstrapServers() {
		return this.nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	public int size() {
		return this.nodes.size();
	}

	/**
	 * @param nodeId 1 to {@link #size()}
	 * @return that node, to kill, stop or start again
	 */
	public KafkaBroker node(int nodeId) {
		return this.nodes.get(nodeId - 1);
	}

	public List<KafkaBroker> nodes() {
		return this.nodes;
	}

	/** What a topic that must survive the loss of a node gets here: 3, or 1 alone. */
	public short replicationFactor() {
		return (short) Math.min(3, size());
	}

	/** With 3 replicas, 2 must have a record before acks=all succeeds. */
	public int minInsyncReplicas() {
		return (size() >= 3) ? 2 : 1;
	}

	@Override
	public void close() {
		RuntimeException failure = null;
		for (KafkaBroker node : this.nodes) {
			try {
				node.stop();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** One id for every node; kept next to their data so a restart finds it. */
	private static String clusterId(Path workDirectory, boolean keepData) {
		Path file = workDirectory.resolve("cluster-id");
		try {
			Files.createDirectories(workDirectory);
			if (keepData && Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			String id = Uuid.randomUuid().toString();
			Files.writeString(file, id, StandardCharsets.UTF_8);
			return id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
