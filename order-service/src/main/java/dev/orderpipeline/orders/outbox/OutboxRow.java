package dev.orderpipeline.orders.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One committed, not yet published outbox row.
 *
 * @param id publication order
 * @param eventId {@code ce_id}
 * @param orderId the record key
 * @param type {@code ce_type}
 * @param payload the record value
 * @param headers every header, as text
 * @param createdAt when the row was inserted, close to its commit
 */
record OutboxRow(long id, UUID eventId, UUID orderId, String type, byte[] payload, Map<String, String> headers,
		Instant createdAt) {

	/**
	 * The record, with the given headers: the row's with the publication's trace context.
	 * @param topic the topic
	 * @param headers every header, as text
	 * @return the record
	 */
	ProducerRecord<String, byte[]> toProducerRecord(String topic, Map<String, String> headers) {
		RecordHeaders recordHeaders = new RecordHeaders();
		headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
		return new ProducerRecord<>(topic, null, this.orderId.toString(), this.payload, recordHeaders);
	}

}
