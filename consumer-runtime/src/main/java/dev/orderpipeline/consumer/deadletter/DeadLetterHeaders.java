package dev.orderpipeline.consumer.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reading the values a dead-letter record's headers carry (text, and the partition and
 * offset Spring Kafka writes as big-endian numbers) into what PostgreSQL columns can
 * hold. A header that is absent, empty or of the wrong size reads as {@code null}, never
 * as a failure: a dead letter is stored whatever its producer put in it.
 */
final class DeadLetterHeaders {

	private DeadLetterHeaders() {
	}

	static Header first(Headers headers, String name) {
		for (Header header : headers.headers(name)) {
			return header;
		}
		return null;
	}

	static Header last(Headers headers, String name) {
		return headers.lastHeader(name);
	}

	static String text(Header header) {
		return (header != null && header.value() != null) ? storable(new String(header.value(), StandardCharsets.UTF_8))
				: null;
	}

	static Integer intValue(Header header) {
		return (header != null && header.value() != null && header.value().length == 4)
				? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	static Long longValue(Header header) {
		return (header != null && header.value() != null && header.value().length == 8)
				? ByteBuffer.wrap(header.value()).getLong() : null;
	}

	/**
	 * Text PostgreSQL can store: NUL is the one character a {@code text} value cannot
	 * hold.
	 */
	static String storable(String text) {
		return (text != null) ? text.replace("\u0000", "\\u0000") : null;
	}

	/** A stored header's value as an operator wants to read it. */
	static String display(String name, byte[] raw) {
		if (raw.length == 4 && name.equals(KafkaHeaders.DLT_ORIGINAL_PARTITION)) {
			return Integer.toString(ByteBuffer.wrap(raw).getInt());
		}
		if (raw.length == 8 && (name.equals(KafkaHeaders.DLT_ORIGINAL_OFFSET)
				|| name.equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP))) {
			return Long.toString(ByteBuffer.wrap(raw).getLong());
		}
		return utf8(raw);
	}

	/** The bytes as text if they are valid UTF-8, otherwise {@code null}. */
	static String utf8(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
