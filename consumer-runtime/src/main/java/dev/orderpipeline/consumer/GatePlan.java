package dev.orderpipeline.consumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.orderpipeline.events.EventType;

/**
 * What the {@link OrderingGate} decided for a batch: the events that take effect now, in
 * the order they take effect; the events to hold back; the held events released; the
 * orders' new last sequences. Reported to the metrics after the commit.
 * <p>
 * The events take effect in two handler calls in one transaction: first the batch's own
 * events, then the held events they released, together with any later event of the same
 * orders. So a handler call with one record of the batch still holds only that record's
 * order's own events, in order.
 */
final class GatePlan {

	private final List<Step> steps = new ArrayList<>();

	private final List<Step> afterRelease = new ArrayList<>();

	private final Set<String> releasing = new HashSet<>();

	private final List<DecodedRecord> holds = new ArrayList<>();

	private final List<String> released = new ArrayList<>();

	private final List<DecodedRecord> duplicates = new ArrayList<>();

	private final List<Step> anomalies = new ArrayList<>();

	private final Map<String, Long> advanced = new LinkedHashMap<>();

	void apply(DecodedRecord record, SequenceCheck check) {
		phaseOf(record).add(new Step(record, check));
		if (check == SequenceCheck.STALE) {
			this.anomalies.add(new Step(record, check));
		}
	}

	void release(String heldEventId, DecodedRecord record) {
		this.released.add(heldEventId);
		this.releasing.add(subject(record));
		this.afterRelease.add(new Step(record, SequenceCheck.IN_ORDER));
	}

	private List<Step> phaseOf(DecodedRecord record) {
		return this.releasing.contains(subject(record)) ? this.afterRelease : this.steps;
	}

	private static String subject(DecodedRecord record) {
		return record.incoming().event().subject();
	}

	void hold(DecodedRecord record) {
		this.holds.add(record);
	}

	void anomaly(DecodedRecord record, SequenceCheck check) {
		this.anomalies.add(new Step(record, check));
	}

	void duplicate(DecodedRecord record) {
		this.duplicates.add(record);
	}

	void advance(String subject, long sequence) {
		this.advanced.put(subject, sequence);
	}

	/** The events that take effect: into the inbox, some to the handler. */
	List<DecodedRecord> applied() {
		return allSteps().map(Step::record).toList();
	}

	/**
	 * @param handles which types the handler wants
	 * @return the first handler call: the batch's own events, in the order they take
	 * effect
	 */
	List<ReceivedEvent> forHandler(Predicate<EventType> handles) {
		return received(this.steps, handles);
	}

	/**
	 * @param handles which types the handler wants
	 * @return the second handler call: released held events and what follows them
	 */
	List<ReceivedEvent> releasedForHandler(Predicate<EventType> handles) {
		return received(this.afterRelease, handles);
	}

	private static List<ReceivedEvent> received(List<Step> steps, Predicate<EventType> handles) {
		return steps.stream()
			.filter((step) -> handles.test(step.record().incoming().type()))
			.map((step) -> new ReceivedEvent(step.record().incoming(), step.check(), step.record().trace()))
			.toList();
	}

	List<DecodedRecord> holds() {
		return this.holds;
	}

	List<String> released() {
		return this.released;
	}

	/** Events released from {@code held_event}, whose spans this transaction started. */
	List<DecodedRecord> releasedRecords() {
		return this.afterRelease.stream().map(Step::record).filter((record) -> record.index() < 0).toList();
	}

	Map<String, Long> advanced() {
		return this.advanced;
	}

	void report(ConsumerMetrics metrics, Predicate<EventType> handles) {
		this.duplicates.forEach((record) -> metrics.duplicate(record.eventType()));
		this.anomalies.forEach((step) -> metrics.sequenceAnomaly(step.record().eventType(), step.check()));
		for (Step step : allSteps().toList()) {
			DecodedRecord record = step.record();
			boolean handled = handles.test(record.incoming().type());
			metrics.processed(record.eventType(), handled ? "applied" : "ignored");
			if (handled) {
				metrics.age(record.eventType(), record.incoming().envelope().time());
			}
		}
		this.holds.forEach((record) -> metrics.processed(record.eventType(), "held"));
	}

	private Stream<Step> allSteps() {
		return Stream.concat(this.steps.stream(), this.afterRelease.stream());
	}

	private record Step(DecodedRecord record, SequenceCheck check) {

	}

}
