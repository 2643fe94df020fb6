package dev.orderpipeline.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTest {

	private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");

	private final MovableClock clock = new MovableClock(NOW);

	private final List<String> verifications = new ArrayList<>();

	private boolean refuse;

	private final JwtDecoder verifying = (token) -> {
		this.verifications.add(token);
		if (this.refuse) {
			throw new BadJwtException("refused");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("customer-ana")
			.issuedAt(NOW)
			.expiresAt(NOW.plus(Duration.ofMinutes(10)))
			.build();
	};

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.verifying, 100, Duration.ofMinutes(5),
			this.clock);

	@Test
	void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
		Jwt first = this.cache.decode("token-a");
		Jwt second = this.cache.decode("token-a");

		assertThat(second).isSameAs(first);
		assertThat(this.verifications).containsExactly("token-a");
	}

	@Test
	void everyDistinctTokenIsVerifiedItself() {
		this.cache.decode("token-a");
		this.cache.decode("token-b");

		assertThat(this.verifications).containsExactly("token-a", "token-b");
	}

	@Test
	void aRefusedTokenIsNeverCached() {
		this.refuse = true;

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("forged"));
		assertThat(this.verifications).containsExactly("forged", "forged");
	}

	@Test
	void onceItsExpiryHasPassedTheTokenIsVerifiedAgainAndItsRefusalStands() {
		this.cache.decode("token-a");
		this.clock.now = NOW.plus(Duration.ofMinutes(10));
		this.refuse = true;

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("token-a"));
		assertThat(this.verifications).containsExactly("token-a", "token-a");
	}

	private static final class MovableClock extends Clock {

		Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
