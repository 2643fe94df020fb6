package dev.orderpipeline.orders.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One Bucket4j token bucket per client, in memory. Memory is bounded twice: at most
 * {@code max-clients} buckets, and a bucket left alone long enough to refill completely
 * is dropped, because a fresh bucket is full too, so dropping it changes nothing for that
 * client.
 *
 * <p>
 * The limit is per instance: with n instances behind a balancer a client gets up to n
 * times the rate. Good enough against a runaway client; a shared limit would need a
 * Bucket4j proxy manager over a shared store.
 */
public class ClientRateLimiter {

	private final RateLimitProperties settings;

	private final Cache<String, Bucket> buckets;

	private final Counter refused;

	ClientRateLimiter(RateLimitProperties settings, MeterRegistry registry) {
		this.settings = settings;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(settings.maxClients())
			.expireAfterAccess(timeToRefill(settings))
			.build();
		this.refused = Counter.builder("orders.rate.limited")
			.description("Order placements refused with 429 by the per-client rate limit")
			.register(registry);
		Gauge.builder("orders.rate.limit.clients", this.buckets, Cache::estimatedSize)
			.description("Clients whose rate-limit buckets are held in memory")
			.register(registry);
	}

	public boolean enabled() {
		return this.settings.enabled();
	}

	/**
	 * Takes one placement from the client's bucket.
	 * @param client the client, the access token's subject
	 * @return whether the placement may go ahead, and what is left
	 */
	public Decision tryAcquire(String client) {
		Bucket bucket = this.buckets.get(client, (key) -> newBucket());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			this.refused.increment();
		}
		return new Decision(probe.isConsumed(), this.settings.capacity(), probe.getRemainingTokens(),
				ceilSeconds(probe.getNanosToWaitForRefill()), ceilSeconds(probe.getNanosToWaitForReset()));
	}

	/** Runs pending evictions now instead of on a later access; for tests. */
	void cleanUp() {
		this.buckets.cleanUp();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.settings.capacity())
				.refillGreedy(this.settings.refillPerSecond(), Duration.ofSeconds(1)))
			.build();
	}

	static Duration timeToRefill(RateLimitProperties settings) {
		long seconds = (settings.capacity() + settings.refillPerSecond() - 1) / settings.refillPerSecond();
		return Duration.ofSeconds(Math.max(1, seconds));
	}

	// Retry-After is whole seconds; rounding down would invite a retry that fails again.
	static long ceilSeconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

	/**
	 * @param allowed whether the request may proceed
	 * @param limit the bucket's capacity
	 * @param remaining tokens left after this request
	 * @param retryAfterSeconds when refused, whole seconds until one token is back (at
	 * least 1); 0 when allowed
	 * @param resetSeconds whole seconds until the bucket is full again
	 */
	public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds, long resetSeconds) {

		public Decision {
			if (!allowed) {
				retryAfterSeconds = Math.max(1, retryAfterSeconds);
			}
		}

	}

}
