package dev.orderpipeline.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderpipeline.events.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Everything needed to publish one event: what an outbox row stores and what the relay
 * sends. Built by {@link EventEncoder}.
 *
 * @param eventId {@code ce_id}
 * @param type the event type
 * @param topic the topic to publish to
 * @param key the record key (the subject, so one order's events share a partition)
 * @param value the JSON payload
 * @param headers the binary-mode CloudEvents headers
 */
public record OutgoingEvent(String eventId, EventType type, String topic, String key, byte[] value,
		Map<String, byte[]> headers) {

	/**
	 * The headers as text, for storing in an outbox column; every value is UTF-8.
	 * @return header name to value, in the same order
	 */
	public Map<String, String> headerValues() {
		Map<String, String> values = new LinkedHashMap<>();
		this.headers.forEach((name, value) -> values.put(name, new String(value, StandardCharsets.UTF_8)));
		return values;
	}

	/**
	 * The Kafka record to send.
	 * @return a new producer record with a fresh copy of the headers
	 */
	public ProducerRecord<String, byte[]> toProducerRecord() {
		RecordHeaders recordHeaders = new RecordHeaders();
		this.headers.forEach(recordHeaders::add);
		return new ProducerRecord<>(this.topic, null, this.key, this.value, recordHeaders);
	}

}
