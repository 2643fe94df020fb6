package dev.orderpipeline.checker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the checker needs of one record, read independently of the consumers' decoding (a
 * checker that shared their code would share their bugs).
 *
 * @param topic where it is
 * @param partition where it is
 * @param offset where it is
 * @param timestamp its record timestamp
 * @param key its key
 * @param rawId the {@code ce_id} header as sent, or {@code null}
 * @param eventId the id in canonical form (lower-case 8-4-4-4-12 hex), or {@code null} if
 * the header is missing or is not a UUID
 * @param type the {@code ce_type} header, or {@code null}
 * @param subject the {@code ce_subject} header, or {@code null}
 * @param sequence the payload's {@code sequence}, or {@code null} if it has none
 * @param origin for a record on a retry or dead-letter topic, where it first was
 * ({@code topic-partition@offset} from Spring Kafka's {@code kafka_dlt-original-*}
 * headers), otherwise {@code null}
 */
record PublishedRecord(String topic, int partition, long offset, Instant timestamp, String key, String rawId,
		String eventId, String type, String subject, Long sequence, String origin) {

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static PublishedRecord of(ConsumerRecord<String, byte[]> record) {
		String rawId = header(record, "ce_id");
		return new PublishedRecord(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()), record.key(), rawId, canonicalId(rawId),
				header(record, "ce_type"), header(record, "ce_subject"), sequence(record.value()), origin(record));
	}

	/** The canonical form of an event id, or {@code null} if it is not a UUID. */
	static String canonicalId(String raw) {
		if (raw == null) {
			return null;
		}
		String trimmed = raw.trim();
		return UUID_FORM.matcher(trimmed).matches() ? trimmed.toLowerCase(Locale.ROOT) : null;
	}

	boolean isPlacement() {
		return this.type != null && this.type.startsWith("order.placed.");
	}

	boolean isCancellation() {
		return this.type != null && this.type.startsWith("order.cancelled.");
	}

	/** topic-partition@offset, as the consumers log it. */
	String coordinates() {
		return coordinates(this.topic, this.partition, this.offset);
	}

	static String coordinates(String topic, int partition, long offset) {
		return topic + "-" + partition + "@" + offset;
	}

	private static String origin(ConsumerRecord<?, ?> record) {
		byte[] topic = raw(record, "kafka_dlt-original-topic");
		byte[] partition = raw(record, "kafka_dlt-original-partition");
		byte[] offset = raw(record, "kafka_dlt-original-offset");
		if (topic == null || partition == null || partition.length != 4 || offset == null || offset.length != 8) {
			return null;
		}
		return coordinates(new String(topic, StandardCharsets.UTF_8), ByteBuffer.wrap(partition).getInt(),
				ByteBuffer.wrap(offset).getLong());
	}

	/** The first value: Spring Kafka keeps the first origin along the retry path. */
	private static byte[] raw(ConsumerRecord<?, ?> record, String name) {
		for (Header header : record.headers().headers(name)) {
			return header.value();
		}
		return null;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Long sequence(byte[] value) {
		if (value == null || value.length == 0) {
			return null;
		}
		try {
			JsonNode sequence = JSON.readTree(value).get("sequence");
			return (sequence != null && sequence.isIntegralNumber()) ? sequence.asLong() : null;
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

}
