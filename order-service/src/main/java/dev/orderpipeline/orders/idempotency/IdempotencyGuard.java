package dev.orderpipeline.orders.idempotency;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a piece of work at most once per idempotency key, in one transaction with the work
 * itself: the key is stored if and only if the work commits.
 *
 * <p>
 * Failure semantics: a request that fails (any exception, e.g. a 4xx for insufficient
 * stock) rolls back and leaves no trace of its key, so the client may retry with the same
 * key once the cause is fixed. Only successful responses are stored and replayed.
 */
@Component
public class IdempotencyGuard {

	private final IdempotencyKeyStore store;

	IdempotencyGuard(IdempotencyKeyStore store) {
		this.store = store;
	}

	/**
	 * @throws IdempotencyKeyInProgressException if a request with this key is in flight
	 * @throws IdempotencyKeyReusedException if the key was used for a different request
	 */
	@Transactional
	public StoredResponse execute(IdempotencyKey key, String requestFingerprint, Supplier<StoredResponse> work) {
		if (!this.store.tryLock(key)) {
			throw new IdempotencyKeyInProgressException(key);
		}
		// Read after the lock, in a new statement: under READ COMMITTED this sees a key
		// that
		// a concurrent request committed just before we got the lock.
		Optional<IdempotencyKeyStore.Entry> previous = this.store.find(key);
		if (previous.isPresent()) {
			if (!previous.get().requestHash().equals(requestFingerprint)) {
				throw new IdempotencyKeyReusedException(key);
			}
			return previous.get().response();
		}
		StoredResponse response = work.get();
		this.store.save(key, requestFingerprint, response);
		return response;
	}

}
