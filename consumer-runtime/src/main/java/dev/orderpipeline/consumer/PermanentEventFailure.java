package dev.orderpipeline.consumer;

/**
 * Thrown by a handler for an event that cannot succeed however often it is retried, for
 * example one that breaks a business rule. The runtime sends it straight to the group's
 * dead-letter topic instead of the retry topics.
 */
public class PermanentEventFailure extends RuntimeException {

	public PermanentEventFailure(String message) {
		super(message);
	}

	public PermanentEventFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
