package dev.orderpipeline.consumer;

import dev.orderpipeline.events.kafka.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumed record decoded into its event.
 *
 * @param index position in the polled batch
 * @param record the record
 * @param incoming the decoded event
 * @param trace the span of its handling
 */
record DecodedRecord(int index, ConsumerRecord<String, byte[]> record, IncomingEvent incoming, EventTrace trace) {

	String eventId() {
		return this.incoming.envelope().id();
	}

	String eventType() {
		return this.incoming.type().wireType();
	}

}
