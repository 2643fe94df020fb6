package dev.orderpipeline.orders.outbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The outbox's part of a trace. The writer stores the current span's W3C context (the
 * HTTP request's server span, itself a child of the caller's {@code traceparent} if it
 * sent one) in the row; the relay publishes each row in a producer span that is a child
 * of that stored context and sends the span's own context as the record's
 * {@code traceparent}, so the consumers' spans hang below the publication.
 */
class OutboxTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	OutboxTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The current span's propagation headers ({@code traceparent}, {@code tracestate}).
	 * @return the headers, empty without a current span
	 */
	Map<String, String> current() {
		Map<String, String> headers = new HashMap<>();
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context != null) {
			this.propagator.inject(context, headers, Map::put);
		}
		return headers;
	}

	/**
	 * Starts the producer span of one row's publication; end it with
	 * {@link Publication#end(Throwable)} when the broker answered.
	 * @param row the row
	 * @param topic the topic it goes to
	 * @return the span and the headers to send
	 */
	Publication publish(OutboxRow row, String topic) {
		if (this.tracer == Tracer.NOOP) {
			return new Publication(null, row.headers());
		}
		Span span = this.propagator.extract(row.headers(), Map::get)
			.name(topic + " publish")
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.system", "kafka")
			.tag("messaging.operation.name", "publish")
			.tag("messaging.destination.name", topic)
			.tag("messaging.message.id", row.eventId().toString())
			.tag("cloudevents.event_type", row.type())
			.start();
		Map<String, String> headers = new LinkedHashMap<>(row.headers());
		// The stored tracestate belongs to the stored span; the injected one to ours.
		headers.remove("tracestate");
		this.propagator.inject(span.context(), headers, Map::put);
		return new Publication(span, headers);
	}

	/** One row's producer span and the headers its record carries. */
	static final class Publication {

		private final Span span;

		private final Map<String, String> headers;

		Publication(Span span, Map<String, String> headers) {
			this.span = span;
			this.headers = headers;
		}

		Map<String, String> headers() {
			return this.headers;
		}

		void end(Throwable failure) {
			if (this.span == null) {
				return;
			}
			if (failure != null) {
				this.span.error(failure);
			}
			this.span.end();
		}

	}

}
