package dev.orderpipeline.orders.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay and of the topic it publishes to.
 *
 * @param relay how committed rows reach Kafka
 * @param topic how {@code order-events} is created
 * @param metricsRefreshInterval how often the backlog gauges are read from the table
 */
@ConfigurationProperties("orders.outbox")
record OutboxProperties(@DefaultValue Relay relay, @DefaultValue Topic topic,
		@DefaultValue("PT5S") Duration metricsRefreshInterval) {

	/**
	 * @param enabled whether this instance runs a relay (one of all running relays is
	 * active at a time)
	 * @param batchSize most rows read, sent and deleted together
	 * @param pollInterval how long an idle relay waits for a nudge before it looks anyway
	 * (rows committed by another instance)
	 * @param lockRetryInterval how often a standby relay tries to take over, and how long
	 * it waits before reconnecting after losing its connection
	 * @param initialBackoff first pause after a failed batch
	 * @param maxBackoff the cap of the exponential back-off
	 * @param deliveryTimeout the producer's delivery.timeout.ms: how long a record may
	 * wait for an acknowledgement before the relay sees it failed
	 * @param maxBlock the producer's max.block.ms: how long a send may wait for metadata
	 * @param lockKey the PostgreSQL advisory lock that elects the active relay
	 */
	record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
			@DefaultValue("PT0.2S") Duration pollInterval, @DefaultValue("PT1S") Duration lockRetryInterval,
			@DefaultValue("PT0.2S") Duration initialBackoff, @DefaultValue("PT10S") Duration maxBackoff,
			@DefaultValue("PT5S") Duration deliveryTimeout, @DefaultValue("PT2S") Duration maxBlock,
			@DefaultValue("4711000001") long lockKey) {

	}

	/**
	 * @param partitions partition count of {@code order-events}; only ever raised, and
	 * raising it moves orders to other partitions, so choose it for the expected consumer
	 * parallelism up front
	 * @param replicationFactor replicas of every partition (1 locally, 3 in production)
	 * @param minInsyncReplicas replicas that must have a record before acks=all succeeds
	 * (1 locally, 2 in production)
	 */
	record Topic(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor,
			@DefaultValue("1") int minInsyncReplicas) {

	}

}
