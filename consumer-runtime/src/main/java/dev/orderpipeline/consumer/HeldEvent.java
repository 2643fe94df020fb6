package dev.orderpipeline.consumer;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A row of {@code held_event}: an event the ordering gate holds back until its
 * predecessor is applied, with its record as consumed.
 *
 * @param eventId the canonical event id
 * @param subject the order
 * @param sequence the event's sequence
 * @param eventType the wire type
 * @param record the record as consumed (topic, partition, offset, key, value, headers)
 * @param heldAt when it was held
 */
record HeldEvent(String eventId, String subject, long sequence, String eventType, ConsumerRecord<String, byte[]> record,
		Instant heldAt) {

}
