package dev.orderpipeline.search.rebuild;

/**
 * A rebuild's row is no longer its owner's to change: another instance found its
 * heartbeat stale and failed it. The owner stops, and whatever its current transaction
 * did (the swap included) rolls back.
 */
class RebuildLostException extends RuntimeException {

	RebuildLostException(long id) {
		super("Projection rebuild " + id + " is no longer this instance's: it was failed as stale meanwhile");
	}

}
