package dev.orderpipeline.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Failures the tests inject into the example handler, by event id, and how often the
 * handler saw each event.
 */
final class Faults {

	private final Map<String, AtomicInteger> remainingFailures = new ConcurrentHashMap<>();

	private final Map<String, Boolean> permanent = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();

	private final Map<String, HandlingContext> contexts = new ConcurrentHashMap<>();

	private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

	/**
	 * What the handler saw of an event's tracing: the MDC while the handler is called
	 * with it, and inside {@link ReceivedEvent#logContext()}.
	 *
	 * @param batchTraceId the MDC's {@code traceId} when the handler was called
	 * @param batchSize how many events that call had
	 * @param traceId the MDC's {@code traceId} inside the event's log context
	 * @param spanId the MDC's {@code spanId} there
	 * @param legacyTraceId the MDC's {@code trace_id} there
	 * @param eventId the MDC's {@code event_id} there
	 * @param currentSpanId the span id of the tracer's current span there
	 */
	record HandlingContext(String batchTraceId, int batchSize, String traceId, String spanId, String legacyTraceId,
			String eventId, String currentSpanId) {

	}

	/**
	 * Fails the next {@code times} calls that include the event as if the database were
	 * unreachable.
	 */
	void failWithDatabaseOutage(String eventId, int times) {
		this.outages.put(eventId, new AtomicInteger(times));
	}

	/** How many of the outages injected for the event have not been used up yet. */
	int outagesLeft(String eventId) {
		AtomicInteger outage = this.outages.get(eventId);
		return (outage != null) ? outage.get() : 0;
	}

	/**
	 * Makes the next call that includes the event and is not failed by another fault
	 * wait, inside the runtime's transaction, until {@link Pause#resume()} (at most 60
	 * s).
	 */
	Pause pauseOn(String eventId) {
		Pause pause = new Pause();
		this.pauses.put(eventId, pause);
		return pause;
	}

	/** A handler call held open: entered when the handler reached it. */
	static final class Pause {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch resumed = new CountDownLatch(1);

		boolean entered() {
			return this.entered.getCount() == 0;
		}

		void resume() {
			this.resumed.countDown();
		}

		private void hold() {
			this.entered.countDown();
			try {
				this.resumed.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Fails the event's next {@code times} attempts with a transient error. An attempt is
	 * a call with the event alone; a batch holding the event fails without counting.
	 */
	void failTransiently(String eventId, int times) {
		this.remainingFailures.put(eventId, new AtomicInteger(times));
	}

	/** Fails every attempt with a transient error until {@link #clear}. */
	void failUntilCleared(String eventId) {
		failTransiently(eventId, Integer.MAX_VALUE);
	}

	void failPermanently(String eventId) {
		this.permanent.put(eventId, true);
	}

	void clear(String eventId) {
		this.remainingFailures.remove(eventId);
		this.permanent.remove(eventId);
	}

	/** How often the handler was called with the event alone. */
	int attempts(String eventId) {
		AtomicInteger count = this.attempts.get(eventId);
		return (count != null) ? count.get() : 0;
	}

	HandlingContext context(String eventId) {
		return this.contexts.get(eventId);
	}

	void check(List<ReceivedEvent> events) {
		String batchTraceId = MDC.get("traceId");
		for (ReceivedEvent event : events) {
			try (LogContext log = event.logContext()) {
				this.contexts.put(event.id(),
						new HandlingContext(batchTraceId, events.size(), MDC.get("traceId"), MDC.get("spanId"),
								MDC.get("trace_id"), MDC.get("event_id"),
								io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId()));
			}
		}
		if (events.size() == 1) {
			this.attempts.computeIfAbsent(events.get(0).id(), (id) -> new AtomicInteger()).incrementAndGet();
		}
		for (ReceivedEvent event : events) {
			AtomicInteger outage = this.outages.get(event.id());
			if (outage != null && outage.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new DataAccessResourceFailureException("Injected database outage while handling " + event.id());
			}
		}
		for (ReceivedEvent event : events) {
			if (this.permanent.containsKey(event.id())) {
				throw new PermanentEventFailure("Injected permanent failure for " + event.id());
			}
			AtomicInteger remaining = this.remainingFailures.get(event.id());
			if (remaining != null && remaining.get() > 0 && events.size() > 1) {
				// Fails the batch without using up a failure: the runtime then applies
				// the event alone, and that attempt counts.
				throw new InjectedTransientFailure("Injected transient failure for " + event.id() + " in a batch");
			}
			if (remaining != null && remaining.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new InjectedTransientFailure("Injected transient failure for " + event.id());
			}
		}
		for (ReceivedEvent event : events) {
			Pause pause = this.pauses.remove(event.id());
			if (pause != null) {
				pause.hold();
			}
		}
	}

	static class InjectedTransientFailure extends RuntimeException {

		InjectedTransientFailure(String message) {
			super(message);
		}

	}

}
