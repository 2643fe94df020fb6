package dev.orderpipeline.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Health component {@code consumerRuntime}: DOWN when a listener container stopped on its
 * own (its consumer thread died, for example on an authorization error), OUT_OF_SERVICE
 * while consumption is stopped deliberately, UP otherwise. Details list each container's
 * assigned partitions.
 */
class ConsumerHealthIndicator extends AbstractHealthIndicator {

	private final ConsumerContainers containers;

	ConsumerHealthIndicator(ConsumerContainers containers) {
		super("Consumer runtime health check failed");
		this.containers = containers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean healthy = true;
		for (MessageListenerContainer container : this.containers.getListenerContainers()) {
			healthy &= container.isInExpectedState();
			details.put(container.getListenerId(), Map.of("running", container.isRunning(), "partitions",
					(container.getAssignedPartitions() != null) ? container.getAssignedPartitions().size() : 0));
		}
		if (!healthy) {
			builder.down();
		}
		else if (!this.containers.isRunning()) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
		builder.withDetails(details);
	}

}
