package dev.orderpipeline.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the source topic exists as its owner declares it: partitions,
 * replication factor and {@code min.insync.replicas} as configured in
 * {@code pipeline.consumer.source.*}. Waits up to {@code await-timeout} for it to appear
 * (order-service may be starting too), then fails the start with what is wrong: a
 * consumer running against a topic with fewer partitions or weaker durability would
 * silently miss events or lose them with a broker.
 */
final class SourceTopicCheck {

	private static final Logger log = LoggerFactory.getLogger(SourceTopicCheck.class);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private final Map<String, Object> adminSettings;

	private final String topic;

	private final ConsumerProperties.Source expected;

	SourceTopicCheck(Map<String, Object> adminSettings, String topic, ConsumerProperties.Source expected) {
		this.adminSettings = adminSettings;
		this.topic = topic;
		this.expected = expected;
	}

	/**
	 * @throws IllegalStateException if the topic is missing after the wait, or differs
	 */
	void verify() {
		try (Admin admin = Admin.create(this.adminSettings)) {
			TopicDescription description = awaitTopic(admin);
			List<String> problems = new ArrayList<>();
			int partitions = description.partitions().size();
			if (partitions != this.expected.partitions()) {
				problems.add(partitions + " partitions, expected " + this.expected.partitions());
			}
			int replicas = description.partitions().get(0).replicas().size();
			if (replicas != this.expected.replicationFactor()) {
				problems.add("replication factor " + replicas + ", expected " + this.expected.replicationFactor());
			}
			int minInsync = minInsyncReplicas(admin);
			if (minInsync != this.expected.minInsyncReplicas()) {
				problems.add(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + " " + minInsync + ", expected "
						+ this.expected.minInsyncReplicas());
			}
			if (!problems.isEmpty()) {
				throw new IllegalStateException("Source topic " + this.topic + " is not as declared by its owner: "
						+ String.join("; ", problems)
						+ ". Fix the topic or pipeline.consumer.source.*; the consumer does not start against it.");
			}
			log.info("Source topic {}: {} partitions, replication factor {}, {} {}", this.topic, partitions, replicas,
					TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
		}
	}

	private TopicDescription awaitTopic(Admin admin) {
		long deadline = System.nanoTime() + this.expected.awaitTimeout().toNanos();
		boolean logged = false;
		while (true) {
			try {
				return admin.describeTopics(List.of(this.topic))
					.allTopicNames()
					.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
					.get(this.topic);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw new IllegalStateException("Cannot describe source topic " + this.topic + ": " + ex.getCause(),
							ex);
				}
			}
			catch (TimeoutException ex) {
				// The broker may not be reachable yet: wait like for a missing topic.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for source topic " + this.topic, ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Source topic " + this.topic + " does not exist after waiting "
						+ this.expected.awaitTimeout() + ". Only its owner (order-service) declares it, with "
						+ this.expected.partitions() + " partitions, replication factor "
						+ this.expected.replicationFactor() + " and " + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + " "
						+ this.expected.minInsyncReplicas() + "; start it first or create the topic so.");
			}
			if (!logged) {
				log.info("Waiting up to {} for source topic {} (declared by order-service)",
						this.expected.awaitTimeout(), this.topic);
				logged = true;
			}
			sleep();
		}
	}

	private int minInsyncReplicas(Admin admin) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, this.topic);
		try {
			Config config = admin.describeConfigs(List.of(resource))
				.all()
				.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(resource);
			ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
			return (entry != null && entry.value() != null) ? Integer.parseInt(entry.value()) : 1;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the configuration of source topic " + this.topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the source topic", ex);
		}
	}

}
