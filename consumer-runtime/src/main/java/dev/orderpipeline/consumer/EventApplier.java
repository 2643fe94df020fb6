package dev.orderpipeline.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies decoded records in the caller's transaction, in an order's sequence order:
 * locks the batch's orders, asks the {@link OrderingGate} what takes effect, records the
 * applied events in the inbox, holds back or releases the rest, calls the handler with
 * what takes effect (the batch's events, then the held events they released), and
 * advances the orders' sequences. Effect, inbox rows, held rows and sequences commit or
 * roll back together.
 */
final class EventApplier {

	private final EventHandler handler;

	private final Inbox inbox;

	private final EventSequences sequences;

	private final HeldEvents held;

	private final OrderingGate gate;

	private final SourceEventDecoder decoder;

	private final RecordTracing tracing;

	EventApplier(EventHandler handler, Inbox inbox, EventSequences sequences, HeldEvents held, OrderingGate gate,
			SourceEventDecoder decoder, RecordTracing tracing) {
		this.handler = handler;
		this.inbox = inbox;
		this.sequences = sequences;
		this.held = held;
		this.gate = gate;
		this.decoder = decoder;
		this.tracing = tracing;
	}

	/**
	 * @param batch decoded records, in partition order; must run in a transaction
	 * @return what was done, to report after the commit
	 */
	GatePlan apply(List<DecodedRecord> batch) {
		List<String> subjects = batch.stream().map((r) -> r.incoming().event().subject()).distinct().toList();
		// The sequence locks come first: they serialise everything below per order.
		Map<String, Long> last = this.sequences.lock(subjects);
		Set<String> applied = this.inbox.applied(batch.stream().map(DecodedRecord::eventId).distinct().toList());
		Map<String, List<HeldEvent>> heldBack = this.held.lockForSubjects(subjects);
		GatePlan plan = this.gate.plan(batch, applied, last, heldBack, this::decodeHeld);
		try {
			this.inbox.record(plan.applied());
			this.held.hold(plan.holds());
			this.held.remove(plan.released());
			handle(plan.forHandler(this.handler::handles));
			handle(plan.releasedForHandler(this.handler::handles));
			this.sequences.advance(plan.advanced());
			return plan;
		}
		finally {
			plan.releasedRecords().forEach((record) -> record.trace().end());
		}
	}

	private void handle(List<ReceivedEvent> events) {
		if (!events.isEmpty()) {
			this.handler.handle(events);
		}
	}

	/** A held event, decoded again for release, in a span of its own. */
	private DecodedRecord decodeHeld(HeldEvent event) {
		EventTrace trace = this.tracing.start(event.record(), "release");
		try {
			return new DecodedRecord(-1, event.record(), this.decoder.decode(event.record()), trace);
		}
		catch (RuntimeException ex) {
			trace.failed(ex);
			trace.end();
			throw ex;
		}
	}

}
