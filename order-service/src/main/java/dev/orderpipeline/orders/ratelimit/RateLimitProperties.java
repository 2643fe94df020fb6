package dev.orderpipeline.orders.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-client rate limit of order placement: a token bucket per client (the access
 * token's subject) that holds {@code capacity} placements and refills
 * {@code refillPerSecond} per second.
 *
 * @param enabled whether placements are limited at all
 * @param capacity the burst a client may send at once
 * @param refillPerSecond the sustained rate per client
 * @param maxClients most clients whose buckets are kept; beyond it the least recently
 * used bucket is dropped (that client starts again with a full bucket)
 */
@ConfigurationProperties("orders.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20") long capacity,
		@DefaultValue("10") long refillPerSecond, @DefaultValue("100000") long maxClients) {

	public RateLimitProperties {
		if (capacity < 1 || refillPerSecond < 1 || maxClients < 1) {
			throw new IllegalArgumentException("orders.rate-limit.capacity, refill-per-second and max-clients must "
					+ "be at least 1: " + capacity + ", " + refillPerSecond + ", " + maxClients);
		}
	}

}
