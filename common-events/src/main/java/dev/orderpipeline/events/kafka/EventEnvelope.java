package dev.orderpipeline.events.kafka;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import dev.orderpipeline.events.EventType;

/**
 * A CloudEvent as carried by one Kafka record in binary mode: the attributes read from
 * the headers and the payload bytes from the record value. {@code data} is not copied;
 * treat it as read-only.
 *
 * @param id {@code ce_id}
 * @param type {@code ce_type}, as received (possibly a type this build does not know)
 * @param source {@code ce_source}
 * @param time {@code ce_time}
 * @param subject {@code ce_subject}, the order id for order events
 * @param dataContentType {@code content-type}
 * @param traceparent the {@code traceparent} header, or {@code null}
 * @param tracestate the {@code tracestate} header, or {@code null}
 * @param correlationId {@code ce_correlationid}, or {@code null}
 * @param data the record value
 */
public record EventEnvelope(String id, String type, URI source, Instant time, String subject, String dataContentType,
		String traceparent, String tracestate, String correlationId, byte[] data) {

	/**
	 * The registered type of this envelope.
	 * @return the type, or empty if this build does not know {@link #type()}
	 */
	public Optional<EventType> eventType() {
		return EventType.fromWireType(this.type);
	}

}
