package dev.orderpipeline.orders.idempotency;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes keys older than the retention period. Every instance runs it; concurrent purges
 * only delete the same old rows, so no coordination is needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyKeyPurge {

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

	private final IdempotencyKeyStore store;

	private final IdempotencyProperties properties;

	private final Clock clock;

	IdempotencyKeyPurge(IdempotencyKeyStore store, IdempotencyProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${orders.idempotency.purge-interval:PT1H}",
			fixedDelayString = "${orders.idempotency.purge-interval:PT1H}")
	int purge() {
		Instant cutoff = Instant.now(this.clock).minus(this.properties.retention());
		int total = 0;
		int deleted;
		do {
			deleted = this.store.deleteCreatedBefore(cutoff, this.properties.purgeBatchSize());
			total += deleted;
		}
		while (deleted == this.properties.purgeBatchSize());
		if (total > 0) {
			logger.info("Purged {} idempotency keys created before {}", total, cutoff);
		}
		return total;
	}

}
