package dev.orderpipeline.orders.idempotency;

/** Another request with the same key is still being processed. */
public class IdempotencyKeyInProgressException extends RuntimeException {

	public IdempotencyKeyInProgressException(IdempotencyKey key) {
		super("A request with Idempotency-Key " + key.key() + " is still in progress");
	}

}
