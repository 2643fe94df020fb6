package dev.orderpipeline.consumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The span in which one event is handled: a child of the producer's context from the
 * record's {@code traceparent} header, or a new trace when the record has none.
 * {@link #logContext()} makes it the current span and puts the event's ids into the
 * logging MDC.
 */
public final class EventTrace {

	private final Tracer tracer;

	private final Span span;

	private final String eventId;

	private final String eventType;

	private final String traceparent;

	EventTrace(Tracer tracer, Span span, String eventId, String eventType, String traceparent) {
		this.tracer = tracer;
		this.span = span;
		this.eventId = eventId;
		this.eventType = eventType;
		this.traceparent = traceparent;
	}

	/**
	 * No span, only the ids from the headers: where no tracer is configured.
	 * @param eventId the event id, may be {@code null}
	 * @param eventType the event type, may be {@code null}
	 * @param traceparent the {@code traceparent} header, may be {@code null}
	 * @return a trace without a span
	 */
	static EventTrace untraced(String eventId, String eventType, String traceparent) {
		return new EventTrace(null, null, eventId, eventType, traceparent);
	}

	/**
	 * The span of this event's handling: tag it, or add events to it.
	 * @return the span, {@link Span#NOOP} without a tracer
	 */
	public Span span() {
		return (this.span != null) ? this.span : Span.NOOP;
	}

	/**
	 * Makes this event's span current and puts its ids into the MDC until closed.
	 * @return the scope to close
	 */
	public LogContext logContext() {
		if (this.span == null) {
			return LogContext.of(this.eventId, this.eventType, this.traceparent);
		}
		return LogContext.of(this.tracer.withSpan(this.span), this.eventId, this.eventType,
				this.span.context().traceId());
	}

	void failed(Throwable failure) {
		if (this.span != null) {
			this.span.error(failure);
		}
	}

	void end() {
		if (this.span != null) {
			this.span.end();
		}
	}

}
