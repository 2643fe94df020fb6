package dev.orderpipeline.orders.idempotency;

/** The key was already used with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException(IdempotencyKey key) {
		super("Idempotency-Key " + key.key() + " was already used with a different request");
	}

}
