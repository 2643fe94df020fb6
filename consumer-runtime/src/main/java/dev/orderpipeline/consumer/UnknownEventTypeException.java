package dev.orderpipeline.consumer;

import dev.orderpipeline.events.EventFormatException;

/**
 * A record whose {@code ce_type} (type or major version) this build does not know. The
 * runtime dead-letters it rather than skipping it: data this group may need must not
 * disappear silently; after an upgrade it can be replayed.
 */
public class UnknownEventTypeException extends EventFormatException {

	public UnknownEventTypeException(String message) {
		super(message);
	}

}
