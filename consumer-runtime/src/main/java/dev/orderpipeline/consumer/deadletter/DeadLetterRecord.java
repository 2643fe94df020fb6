package dev.orderpipeline.consumer.deadletter;

import java.util.List;

/**
 * A dead letter with everything needed to replay it, as shown by {@code GET
 * /dead-letters/{id}}.
 *
 * @param summary the listed fields
 * @param key the record key
 * @param value the record value as text when it is UTF-8, otherwise {@code null}
 * @param valueBase64 the record value, base64
 * @param headers every header of the dead-lettered record, in order
 * @param stackTrace the last failure's stack trace
 */
public record DeadLetterRecord(DeadLetter summary, String key, String value, String valueBase64,
		List<StoredHeader> headers, String stackTrace) {

	/**
	 * One record header.
	 *
	 * @param name the header name
	 * @param value the value as text (UTF-8, or the number for Spring's binary
	 * partition/offset headers)
	 * @param base64 the raw value
	 */
	public record StoredHeader(String name, String value, String base64) {

	}

}
