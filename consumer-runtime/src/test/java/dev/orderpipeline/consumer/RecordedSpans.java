package dev.orderpipeline.consumer;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Observes the spans the runtime ends, through the OpenTelemetry SDK the application
 * really uses (an extra span processor, not a mock of anything).
 */
final class RecordedSpans implements SpanProcessor {

	private final Queue<SpanData> ended = new ConcurrentLinkedQueue<>();

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.ended.add(span.toSpanData());
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	List<SpanData> ofTrace(String traceId) {
		return this.ended.stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	List<SpanData> all() {
		return List.copyOf(this.ended);
	}

}
