package dev.orderpipeline.infra.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.orderpipeline.infra.InfrastructureException;

/**
 * An RSA key pair that signs RS256 access tokens. The identity provider owns one; tests
 * create a second one (with the same key id) to prove that a token signed by anyone else
 * is refused.
 */
public final class TokenSigner {

	private final RSAKey key;

	private TokenSigner(RSAKey key) {
		this.key = key;
	}

	/** A fresh 2048-bit key; nothing is written to disk, so every start has a new key. */
	public static TokenSigner generate(String keyId) {
		try {
			return new TokenSigner(new RSAKeyGenerator(2048).keyID(keyId)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate());
		}
		catch (JOSEException ex) {
			throw new InfrastructureException("Could not generate an RSA signing key", ex);
		}
	}

	public String keyId() {
		return key.getKeyID();
	}

	/** The public half as a JWK set document, as served at {@code /jwks.json}. */
	public String publicJwkSetJson() {
		return new JWKSet(key.toPublicJWK()).toString();
	}

	/** Signs any claims as they are: the building block for deliberately bad tokens. */
	public String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new InfrastructureException("Could not sign a token", ex);
		}
		return jwt.serialize();
	}

	/**
	 * The claims of a well-formed access token of this project (see the security
	 * contract): {@code tenant} and {@code email} are left out when null.
	 */
	public static JWTClaimsSet.Builder claims(String issuer, String audience, String subject, String tenant,
			Collection<String> roles, String email, Instant issuedAt, Duration ttl) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject(subject)
			.claim("roles", List.copyOf(roles))
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(ttl)))
			.jwtID(UUID.randomUUID().toString());
		if (tenant != null) {
			claims.claim("tenant_id", tenant);
		}
		if (email != null) {
			claims.claim("email", email);
		}
		return claims;
	}

}
