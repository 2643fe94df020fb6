package dev.orderpipeline.events;

import java.time.Instant;

/**
 * An integration event published to Kafka. Implementations are immutable records whose
 * wire type and version come from {@link EventType}, never from the Java class name.
 */
public interface IntegrationEvent {

	/**
	 * The aggregate the event is about; becomes {@code ce_subject} and the Kafka record
	 * key.
	 * @return the subject, for order events the order id
	 */
	String subject();

	/**
	 * Position of this event in the stream of events about the same subject, starting at
	 * 1. Consumers use it to detect events that arrive out of order or twice.
	 * @return the per-subject sequence number
	 */
	long sequence();

	/**
	 * When the business fact happened; becomes {@code ce_time}.
	 * @return the time the fact happened
	 */
	Instant occurredAt();

}
