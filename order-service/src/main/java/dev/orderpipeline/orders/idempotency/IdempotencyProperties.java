package dev.orderpipeline.orders.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a key is kept; at least 24 hours, as the API promises
 * @param purgeBatchSize how many keys one purge statement deletes
 */
@ConfigurationProperties("orders.idempotency")
record IdempotencyProperties(@DefaultValue("PT24H") Duration retention, @DefaultValue("5000") int purgeBatchSize) {

	IdempotencyProperties {
		if (retention.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("orders.idempotency.retention must be at least 24 hours: " + retention);
		}
		if (purgeBatchSize < 1) {
			throw new IllegalArgumentException("orders.idempotency.purge-batch-size must be positive");
		}
	}

}
