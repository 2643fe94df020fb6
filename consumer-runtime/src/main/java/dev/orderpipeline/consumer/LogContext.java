package dev.orderpipeline.consumer;

import dev.orderpipeline.events.kafka.EventEnvelope;
import org.slf4j.MDC;

/**
 * Continues the producer's trace in log lines: the event id and the trace id from the
 * {@code traceparent} header go into the MDC ({@code event_id}, {@code trace_id},
 * {@code event_type}) while an event is handled. Full Micrometer Tracing spans are a
 * later step; this is what lets a log search follow one event across services today.
 */
public final class LogContext implements AutoCloseable {

	static final String EVENT_ID = "event_id";

	static final String TRACE_ID = "trace_id";

	static final String EVENT_TYPE = "event_type";

	private LogContext() {
	}

	static LogContext of(EventEnvelope envelope) {
		return of(envelope.id(), envelope.type(), envelope.traceparent());
	}

	static LogContext of(String eventId, String eventType, String traceparent) {
		put(EVENT_ID, eventId);
		put(EVENT_TYPE, eventType);
		put(TRACE_ID, traceId(traceparent));
		return new LogContext();
	}

	/**
	 * The trace id of a W3C {@code traceparent}
	 * ({@code 00-<trace id>-<span id>-<flags>}).
	 * @param traceparent the header value, may be {@code null}
	 * @return the 32 hex digit trace id, or {@code null} if absent or malformed
	 */
	static String traceId(String traceparent) {
		if (traceparent == null) {
			return null;
		}
		String[] parts = traceparent.trim().split("-");
		if (parts.length < 4 || parts[1].length() != 32 || !parts[1].matches("[0-9a-f]{32}")
				|| parts[1].equals("0".repeat(32))) {
			return null;
		}
		return parts[1];
	}

	private static void put(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	@Override
	public void close() {
		MDC.remove(EVENT_ID);
		MDC.remove(EVENT_TYPE);
		MDC.remove(TRACE_ID);
	}

}
