package dev.orderpipeline.orders.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client-chosen key within a scope (the customer), so two customers choosing the same
 * key never see each other's responses.
 */
public record IdempotencyKey(String scope, String key) {

	/** A 64-bit number for PostgreSQL's advisory locks, derived from scope and key. */
	long lockId() {
		byte[] digest = RequestFingerprint.sha256((this.scope + '\u0000' + this.key).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest).getLong();
	}

}
