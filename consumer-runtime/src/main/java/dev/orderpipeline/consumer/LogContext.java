package dev.orderpipeline.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderpipeline.events.kafka.EventEnvelope;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;

/**
 * The logging context of one event's handling: its span is current (so Micrometer Tracing
 * puts {@code traceId} and {@code spanId} into the MDC) and the MDC carries
 * {@code event_id}, {@code event_type} and {@code trace_id} (the span's trace id; the
 * {@code traceparent}'s where no tracer is configured). Closing it restores what was
 * there before, so contexts nest.
 */
public final class LogContext implements AutoCloseable {

	static final String EVENT_ID = "event_id";

	static final String TRACE_ID = "trace_id";

	static final String EVENT_TYPE = "event_type";

	private final Tracer.SpanInScope scope;

	private final Map<String, String> previous = new LinkedHashMap<>();

	private LogContext(Tracer.SpanInScope scope) {
		this.scope = scope;
	}

	static LogContext of(EventEnvelope envelope) {
		return of(envelope.id(), envelope.type(), envelope.traceparent());
	}

	static LogContext of(String eventId, String eventType, String traceparent) {
		return of(null, eventId, eventType, traceId(traceparent));
	}

	static LogContext of(Tracer.SpanInScope scope, String eventId, String eventType, String traceId) {
		LogContext context = new LogContext(scope);
		context.put(EVENT_ID, eventId);
		context.put(EVENT_TYPE, eventType);
		context.put(TRACE_ID, traceId);
		return context;
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

	private void put(String key, String value) {
		this.previous.put(key, MDC.get(key));
		set(key, value);
	}

	private static void set(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	@Override
	public void close() {
		this.previous.forEach(LogContext::set);
		if (this.scope != null) {
			this.scope.close();
		}
	}

}
