package dev.orderpipeline.orders.outbox;

/**
 * Where the events of the current request come from: its W3C trace context and its
 * correlation id. The web layer binds it for the duration of a request; the outbox writer
 * copies the correlation id into the rows it writes, and the trace context where no span
 * is current (a current span's context wins, see {@link OutboxTracing}), so they travel
 * with the events to Kafka.
 *
 * @param traceparent the W3C {@code traceparent}, or {@code null}
 * @param tracestate the W3C {@code tracestate}, or {@code null}
 * @param correlationId the caller's correlation id, or {@code null}
 */
public record EventOrigin(String traceparent, String tracestate, String correlationId) {

	private static final ThreadLocal<EventOrigin> CURRENT = new ThreadLocal<>();

	/** Binds an origin to the current thread until {@link #clear()}. */
	public static void bind(EventOrigin origin) {
		CURRENT.set(origin);
	}

	public static void clear() {
		CURRENT.remove();
	}

	static EventOrigin current() {
		EventOrigin origin = CURRENT.get();
		return (origin != null) ? origin : new EventOrigin(null, null, null);
	}

}
