package dev.orderpipeline.orders.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client-chosen key within the scope of one caller (tenant and customer, both from the
 * access token), so two callers choosing the same key never see each other's responses.
 *
 * @param tenantId the caller's tenant
 * @param customerId the caller's customer id
 * @param key the client's key
 */
public record IdempotencyKey(String tenantId, String customerId, String key) {

	/** A 64-bit number for PostgreSQL's advisory locks, derived from scope and key. */
	long lockId() {
		byte[] digest = RequestFingerprint.sha256(
				(this.tenantId + '\u0000' + this.customerId + '\u0000' + this.key).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest).getLong();
	}

}
