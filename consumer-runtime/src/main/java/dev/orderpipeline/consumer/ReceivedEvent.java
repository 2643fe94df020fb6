package dev.orderpipeline.consumer;

import java.time.Instant;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.facts.OrderFact;
import dev.orderpipeline.events.kafka.IncomingEvent;

/**
 * An event handed to an {@link EventHandler}: the decoded event, how its sequence
 * compares with what this group has applied for the same order, and the span of its
 * handling.
 *
 * @param incoming the decoded CloudEvent (envelope and typed payload)
 * @param sequenceCheck the event's place in its order's stream
 * @param trace the span of this event's handling, continuing the producer's trace
 */
public record ReceivedEvent(IncomingEvent incoming, SequenceCheck sequenceCheck, EventTrace trace) {

	/**
	 * An event without a span: its log context still carries the ids from its headers.
	 * @param incoming the decoded CloudEvent
	 * @param sequenceCheck the event's place in its order's stream
	 */
	public ReceivedEvent(IncomingEvent incoming, SequenceCheck sequenceCheck) {
		this(incoming, sequenceCheck, EventTrace.untraced(incoming.envelope().id(), incoming.envelope().type(),
				incoming.envelope().traceparent()));
	}

	/**
	 * The event id ({@code ce_id}).
	 * @return the id
	 */
	public String id() {
		return this.incoming.envelope().id();
	}

	public EventType type() {
		return this.incoming.type();
	}

	/**
	 * The payload as its versioned record; handlers read {@link #fact()} instead.
	 * @return the event record
	 */
	public IntegrationEvent event() {
		return this.incoming.event();
	}

	/**
	 * The subject, the order id for order events.
	 * @return the subject
	 */
	public String subject() {
		return this.incoming.event().subject();
	}

	public long sequence() {
		return this.incoming.event().sequence();
	}

	/**
	 * When the business fact happened ({@code ce_time}).
	 * @return the time
	 */
	public Instant occurredAt() {
		return this.incoming.envelope().time();
	}

	/**
	 * What happened, whichever type version carried it: decoded once, switched over by
	 * handlers ({@code if (event.fact() instanceof OrderPlaced placed)}).
	 * @return the fact
	 */
	public OrderFact fact() {
		return this.incoming.fact();
	}

	/**
	 * Makes this event's span current and puts its event id and trace id into the logging
	 * MDC until closed, for log lines a handler writes about one event of a batch (the
	 * batch as a whole runs in a span of its own): {@code try (var log =
	 * event.logContext()) { ... }}.
	 * @return the scope to close
	 */
	public LogContext logContext() {
		return this.trace.logContext();
	}

}
