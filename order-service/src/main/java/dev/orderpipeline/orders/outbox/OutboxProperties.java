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
	 * @param batchSize most rows read, sent and deleted together: one Kafka transaction
	 * @param pollInterval how long an idle relay waits for a nudge before it looks anyway
	 * (rows committed by another instance)
	 * @param lockRetryInterval how often a standby relay tries to take over, and how long
	 * it waits before reconnecting after losing its connection
	 * @param initialBackoff first pause after a failed batch
	 * @param maxBackoff the cap of the exponential back-off
	 * @param deliveryTimeout the producer's delivery.timeout.ms: how long a record may
	 * wait for an acknowledgement before the relay sees it failed
	 * @param maxBlock the producer's max.block.ms: how long a send, a commit or an abort
	 * may wait for the broker
	 * @param lockKey the PostgreSQL advisory lock that elects the active relay
	 * @param transactionalId the producer's transactional.id, the same on every instance:
	 * the relay that takes over fences the previous one's producer with it
	 * @param sessionTimeout how long the database waits without hearing from the relay's
	 * session before it ends it, and with it the relay's lock (and how long the relay
	 * waits for an answer before it gives the session up)
	 * @param drainTimeout at shutdown, how long the active relay goes on publishing what
	 * is left in the outbox
	 * @param stalledAfter the relay's health is DOWN when rows wait and it has published
	 * nothing for this long
	 */
	record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
			@DefaultValue("PT0.2S") Duration pollInterval, @DefaultValue("PT1S") Duration lockRetryInterval,
			@DefaultValue("PT0.2S") Duration initialBackoff, @DefaultValue("PT10S") Duration maxBackoff,
			@DefaultValue("PT5S") Duration deliveryTimeout, @DefaultValue("PT2S") Duration maxBlock,
			@DefaultValue("4711000001") long lockKey,
			@DefaultValue("order-service-outbox-relay") String transactionalId,
			@DefaultValue("PT5S") Duration sessionTimeout, @DefaultValue("PT10S") Duration drainTimeout,
			@DefaultValue("PT60S") Duration stalledAfter) {

		Relay {
			// Every wait of the active relay between two statements is bounded by one of
			// these; the database must not end the session of a relay that is merely
			// waiting.
			Duration longestQuietWait = max(max(pollInterval, lockRetryInterval), maxBlock)
				.plus(heartbeat(sessionTimeout));
			if (longestQuietWait.compareTo(sessionTimeout) >= 0) {
				throw new IllegalArgumentException("orders.outbox.relay.session-timeout (" + sessionTimeout
						+ ") must be longer than poll-interval, lock-retry-interval and max-block (longest "
						+ longestQuietWait.minus(heartbeat(sessionTimeout)) + ") plus a fifth of itself");
			}
		}

		/** How often a waiting relay shows the database it is alive. */
		Duration heartbeatInterval() {
			return heartbeat(this.sessionTimeout);
		}

		private static Duration heartbeat(Duration sessionTimeout) {
			return sessionTimeout.dividedBy(5);
		}

		private static Duration max(Duration a, Duration b) {
			return (a.compareTo(b) >= 0) ? a : b;
		}

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
