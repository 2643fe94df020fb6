package dev.orderpipeline.events.kafka;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents attributes a producer supplies beyond the payload. Type, time and
 * subject come from the event record itself.
 *
 * @param id the event id ({@code ce_id}); consumers deduplicate on it, so a re-published
 * outbox row must keep its id
 * @param source the producing service ({@code ce_source}), for example
 * {@code /order-service}
 * @param traceparent W3C trace context of the request that caused the event, or
 * {@code null}
 * @param tracestate W3C vendor trace state, or {@code null}
 * @param correlationId id tying the event to the originating request (extension
 * {@code correlationid}), or {@code null}
 */
public record EventMetadata(UUID id, URI source, String traceparent, String tracestate, String correlationId) {

	public EventMetadata {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
	}

	/**
	 * Metadata with a fresh random id and no trace context.
	 * @param source the producing service
	 * @return the metadata
	 */
	public static EventMetadata newEvent(URI source) {
		return new EventMetadata(UUID.randomUUID(), source, null, null, null);
	}

	public EventMetadata withTraceContext(String traceparent, String tracestate) {
		return new EventMetadata(this.id, this.source, traceparent, tracestate, this.correlationId);
	}

	public EventMetadata withCorrelationId(String correlationId) {
		return new EventMetadata(this.id, this.source, this.traceparent, this.tracestate, correlationId);
	}

}
