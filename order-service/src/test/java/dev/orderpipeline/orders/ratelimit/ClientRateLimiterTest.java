package dev.orderpipeline.orders.ratelimit;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientRateLimiterTest {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void aBurstUpToTheCapacityIsAllowedAndTheNextIsRefusedWithARetryAfter() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(true, 3, 1, 100), this.registry);

		assertThat(limiter.tryAcquire("ana").allowed()).isTrue();
		assertThat(limiter.tryAcquire("ana").allowed()).isTrue();
		ClientRateLimiter.Decision last = limiter.tryAcquire("ana");
		ClientRateLimiter.Decision refused = limiter.tryAcquire("ana");

		assertThat(last.allowed()).isTrue();
		assertThat(last.remaining()).isZero();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.limit()).isEqualTo(3);
		assertThat(this.registry.get("orders.rate.limited").counter().count()).isEqualTo(1);
	}

	@Test
	void eachClientHasItsOwnBucket() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(true, 1, 1, 100), this.registry);

		assertThat(limiter.tryAcquire("ana").allowed()).isTrue();
		assertThat(limiter.tryAcquire("ana").allowed()).isFalse();
		assertThat(limiter.tryAcquire("ben").allowed()).isTrue();
	}

	@Test
	void retryAfterIsRoundedUpToWholeSeconds() {
		assertThat(ClientRateLimiter.ceilSeconds(0)).isZero();
		assertThat(ClientRateLimiter.ceilSeconds(1)).isEqualTo(1);
		assertThat(ClientRateLimiter.ceilSeconds(1_000_000_000L)).isEqualTo(1);
		assertThat(ClientRateLimiter.ceilSeconds(1_000_000_001L)).isEqualTo(2);
	}

	@Test
	void aBucketIsForgottenOnlyOnceItWouldBeFullAgain() {
		assertThat(ClientRateLimiter.timeToRefill(new RateLimitProperties(true, 20, 10, 1)))
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(ClientRateLimiter.timeToRefill(new RateLimitProperties(true, 21, 10, 1)))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(ClientRateLimiter.timeToRefill(new RateLimitProperties(true, 1, 100, 1)))
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void theNumberOfBucketsIsBounded() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(true, 1, 1, 10), this.registry);
		for (int i = 0; i < 1_000; i++) {
			limiter.tryAcquire("client-" + i);
		}
		limiter.cleanUp();

		assertThat(this.registry.get("orders.rate.limit.clients").gauge().value()).isLessThanOrEqualTo(10);
	}

	@Test
	void nonsenseSettingsFailAtStartup() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties(true, 0, 1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties(true, 1, 0, 1));
	}

}
