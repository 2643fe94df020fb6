package dev.orderpipeline.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Waits until a started broker answers a cluster description with at least one node: a
 * listening port alone is not enough, since the controller may still be electing itself.
 * Fails early, with the log's tail, when the broker JVM exits while starting.
 */
final class BrokerReadiness {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private BrokerReadiness() {
	}

	static void await(KafkaJvm broker, int port, String bootstrapServers, Path logFile) {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		while (Instant.now().isBefore(deadline)) {
			if (!broker.isAlive()) {
				throw new InfrastructureException("The Kafka broker exited with code " + broker.exitValue()
						+ " while starting; see " + logFile + ":\n" + broker.tailOfLog());
			}
			if (Ports.isListening(port) && describesNodes(config)) {
				return;
			}
			sleepBriefly();
		}
		broker.abandon();
		throw new InfrastructureException("The Kafka broker did not become ready on " + bootstrapServers + " within "
				+ STARTUP_TIMEOUT.toSeconds() + "s; see " + logFile + ":\n" + broker.tailOfLog());
	}

	private static boolean describesNodes(Map<String, Object> config) {
		try (Admin admin = Admin.create(config)) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception notReadyYet) {
			// The controller is still electing itself; try again.
			return false;
		}
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureException("Interrupted while waiting for the Kafka broker", ex);
		}
	}

}
