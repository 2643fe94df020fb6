package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.orderpipeline.events.kafka.CloudEventHeaders;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Starts the runtime's spans with Micrometer Tracing. Spring Kafka's listener observation
 * covers record listeners only, and the source topic is consumed in batches; so the
 * runtime starts one span per record itself, continuing the producer's trace from the
 * record's W3C {@code traceparent} header (OpenTelemetry semantic-convention tags).
 */
final class RecordTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	private final String group;

	RecordTracing(Tracer tracer, Propagator propagator, String group) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.group = group;
	}

	/**
	 * Starts the span of one record's handling; the caller ends it.
	 * @param record the consumed record
	 * @param operation what is done with it, {@code process} or {@code forward}
	 * @return the record's trace
	 */
	EventTrace start(ConsumerRecord<?, ?> record, String operation) {
		String eventId = header(record.headers(), CloudEventHeaders.ID);
		String eventType = header(record.headers(), CloudEventHeaders.TYPE);
		String traceparent = header(record.headers(), CloudEventHeaders.TRACEPARENT);
		if (this.tracer == Tracer.NOOP) {
			return EventTrace.untraced(eventId, eventType, traceparent);
		}
		Span.Builder builder = this.propagator.extract(record.headers(), RecordTracing::header)
			.name(record.topic() + " " + operation)
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.system", "kafka")
			.tag("messaging.operation.name", operation)
			.tag("messaging.destination.name", record.topic())
			.tag("messaging.consumer.group.name", this.group)
			.tag("messaging.destination.partition.id", Integer.toString(record.partition()))
			.tag("messaging.kafka.offset", record.offset());
		if (eventId != null) {
			builder.tag("messaging.message.id", eventId);
		}
		if (eventType != null) {
			builder.tag("cloudevents.event_type", eventType);
		}
		return new EventTrace(this.tracer, builder.start(), eventId, eventType, traceparent);
	}

	/**
	 * The span of a whole batch's database transaction and handler call, which serves
	 * many traces at once: a new trace linked to each record's span.
	 * @param topic the topic
	 * @param records the traces of the batch's records
	 * @return the batch's trace
	 */
	EventTrace startBatch(String topic, List<EventTrace> records) {
		if (this.tracer == Tracer.NOOP) {
			return EventTrace.untraced(null, null, null);
		}
		Span.Builder builder = this.tracer.spanBuilder()
			.setNoParent()
			.name(topic + " process batch")
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", topic)
			.tag("messaging.consumer.group.name", this.group)
			.tag("messaging.batch.message_count", records.size());
		for (EventTrace record : records) {
			builder.addLink(new Link(record.span()));
		}
		return new EventTrace(this.tracer, builder.start(), null, null, null);
	}

	private static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
