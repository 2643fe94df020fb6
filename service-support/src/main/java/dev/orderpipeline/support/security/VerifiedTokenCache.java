package dev.orderpipeline.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each access token once per instance instead of once per request. A client
 * sends the same token with every request until it expires, and the full check (Base64
 * decoding, the JWK's conversion to a public key, the RSA signature, issuer, audience)
 * was about a third of order-service's CPU under load (see the benchmark's profile).
 *
 * <p>
 * Keyed by the whole token string, so a cached answer only ever serves the exact bytes
 * that were verified. Refused tokens are never cached. An entry is used only until the
 * token's {@code exp} and at most {@code ttl} after its verification, so a key withdrawn
 * from the JWK set stops being accepted within about the time the decoder's own JWK set
 * cache takes to notice.
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	VerifiedTokenCache(JwtDecoder delegate, long maximumSize, Duration ttl, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.verified.getIfPresent(token);
		if (cached != null && !expired(cached)) {
			return cached;
		}
		if (cached != null) {
			this.verified.invalidate(token);
		}
		Jwt jwt = this.delegate.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

	private boolean expired(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		// No exp: the delegate accepted it; re-verify every time rather than trust it
		// longer.
		return expiresAt == null || !this.clock.instant().isBefore(expiresAt);
	}

}
