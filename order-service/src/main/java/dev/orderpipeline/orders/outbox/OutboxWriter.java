package dev.orderpipeline.orders.outbox;

import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.orders.order.OrderEventRecorder;
import dev.orderpipeline.orders.order.OrderRepository;
import dev.orderpipeline.orders.order.domain.OrderEvent;
import dev.orderpipeline.orders.order.domain.OrderPlaced;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: writes each domain fact as a ready-to-send Kafka record into
 * {@code outbox_event}, in the transaction that changed the order, and nudges the relay
 * once that transaction commits. Never talks to Kafka.
 */
class OutboxWriter implements OrderEventRecorder {

	private final JdbcClient jdbc;

	private final OrderRepository orders;

	private final IntegrationEvents events;

	private final EventEncoder encoder;

	private final EventsProperties properties;

	private final JsonMapper json;

	private final Runnable nudge;

	private final OutboxTracing tracing;

	OutboxWriter(JdbcClient jdbc, OrderRepository orders, IntegrationEvents events, EventEncoder encoder,
			EventsProperties properties, JsonMapper json, Runnable nudge, OutboxTracing tracing) {
		this.tracing = tracing;
		this.jdbc = jdbc;
		this.orders = orders;
		this.events = events;
		this.encoder = encoder;
		this.properties = properties;
		this.json = json;
		this.nudge = nudge;
	}

	@Override
	public void record(OrderEvent event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox rows are written only inside the order's transaction");
		}
		// A placement is the order's first event, and the order row was inserted with
		// event_sequence 1 in this very transaction; later events advance it under the
		// order row lock that cancellation holds.
		long sequence = (event instanceof OrderPlaced) ? 1 : this.orders.nextEventSequence(event.orderId());
		EventOrigin origin = EventOrigin.current();
		String correlationId = (origin.correlationId() != null) ? origin.correlationId() : event.orderId().toString();
		// The current span (the request's) is the event's origin in the trace; without a
		// tracer, whatever context the request bound.
		Map<String, String> trace = this.tracing.current();
		String traceparent = trace.get("traceparent");
		String tracestate = (traceparent != null) ? trace.get("tracestate") : origin.tracestate();
		if (traceparent == null) {
			traceparent = origin.traceparent();
		}
		OutgoingEvent outgoing = this.encoder.encode(this.events.of(event, sequence),
				EventMetadata.newEvent(this.properties.source())
					.withTraceContext(traceparent, tracestate)
					.withCorrelationId(correlationId));
		this.jdbc.sql("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				values (?, ?, ?, ?, ?, cast(? as jsonb))""")
			.params(UUID.fromString(outgoing.eventId()), event.orderId(), outgoing.type().wireType(), sequence,
					outgoing.value(), this.json.writeValueAsString(outgoing.headerValues()))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OutboxWriter.this.nudge.run();
			}
		});
	}

}
