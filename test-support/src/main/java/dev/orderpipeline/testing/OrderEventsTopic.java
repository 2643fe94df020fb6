package dev.orderpipeline.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Declares {@code order-events} in the test broker as order-service does with its
 * defaults (6 partitions, retention -1, {@code min.insync.replicas} 1 on a one-broker
 * cluster): only order-service declares it in a running system, and the consumers check
 * it at start, so their tests need it to exist as it would.
 */
public final class OrderEventsTopic {

	public static final String NAME = "order-events";

	public static final int PARTITIONS = 6;

	private OrderEventsTopic() {
	}

	/**
	 * Creates the topic unless it exists.
	 * @param bootstrapServers the broker
	 */
	public static void declare(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			NewTopic topic = new NewTopic(NAME, PARTITIONS, (short) 1)
				.configs(Map.of("retention.ms", "-1", "min.insync.replicas", "1"));
			admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not declare " + NAME + ": " + ex.getCause(), ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not declare " + NAME + " within 30 s", ex);
		}
	}

}
