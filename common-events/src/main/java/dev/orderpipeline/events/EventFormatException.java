package dev.orderpipeline.events;

/**
 * A message or payload that does not follow the event contract: missing or malformed
 * CloudEvents headers, unparseable JSON, or a document that violates its schema. Retrying
 * will not help; consumers should dead-letter the record.
 */
public class EventFormatException extends RuntimeException {

	public EventFormatException(String message) {
		super(message);
	}

	public EventFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
