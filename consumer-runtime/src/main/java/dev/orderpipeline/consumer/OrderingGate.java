package dev.orderpipeline.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for a batch, what takes effect now and in which order, so that an order's
 * events take effect in sequence order:
 * <ul>
 * <li>an event whose id is in the inbox (or earlier in the batch, or already held) is a
 * duplicate;</li>
 * <li>the next sequence of its order ({@link SequenceCheck#IN_ORDER}) is applied, and
 * after it every held successor that is now next, in sequence order;</li>
 * <li>a later one ({@link SequenceCheck#GAP}) is held until its predecessor is applied,
 * at most {@code maxHeldPerOrder} per order (one more is dead-lettered);</li>
 * <li>an earlier one that is not in the inbox ({@link SequenceCheck#STALE}) was never
 * applied, so it is applied: a sequence below the last says nothing about whether this
 * event took effect.</li>
 * </ul>
 * Pure logic over what the caller read under the orders' sequence locks.
 */
final class OrderingGate {

	private static final Logger log = LoggerFactory.getLogger(OrderingGate.class);

	private final int maxHeldPerOrder;

	OrderingGate(int maxHeldPerOrder) {
		this.maxHeldPerOrder = maxHeldPerOrder;
	}

	/**
	 * @param batch decoded records, in partition order
	 * @param applied ids of the batch found in the inbox
	 * @param last each order's last applied sequence
	 * @param held each order's held events, in sequence order
	 * @param decodeHeld decodes a held event for release
	 * @return the plan
	 */
	GatePlan plan(List<DecodedRecord> batch, Set<String> applied, Map<String, Long> last,
			Map<String, List<HeldEvent>> held, Function<HeldEvent, DecodedRecord> decodeHeld) {
		GatePlan plan = new GatePlan();
		Set<String> seen = new HashSet<>(applied);
		Map<String, TreeMap<Long, List<Waiting>>> waiting = new HashMap<>();
		held.forEach((subject, events) -> events.forEach((event) -> {
			seen.add(event.eventId());
			waitingFor(waiting, subject).computeIfAbsent(event.sequence(), (s) -> new ArrayList<>())
				.add(new Waiting(null, event));
		}));
		Map<String, Long> current = new HashMap<>(last);
		for (DecodedRecord record : batch) {
			if (!seen.add(record.eventId())) {
				plan.duplicate(record);
				continue;
			}
			String subject = record.incoming().event().subject();
			long sequence = record.incoming().event().sequence();
			long lastApplied = current.getOrDefault(subject, 0L);
			if (sequence <= lastApplied) {
				logAnomaly(record, lastApplied, SequenceCheck.STALE, "applying it: it is not in the inbox");
				plan.apply(record, SequenceCheck.STALE);
			}
			else if (sequence > lastApplied + 1) {
				TreeMap<Long, List<Waiting>> queue = waitingFor(waiting, subject);
				int count = queue.values().stream().mapToInt(List::size).sum();
				if (count >= this.maxHeldPerOrder) {
					throw new HoldLimitExceeded(subject, lastApplied + 1, count);
				}
				logAnomaly(record, lastApplied, SequenceCheck.GAP, "holding it until " + (lastApplied + 1));
				queue.computeIfAbsent(sequence, (s) -> new ArrayList<>()).add(new Waiting(record, null));
				plan.anomaly(record, SequenceCheck.GAP);
			}
			else {
				plan.apply(record, SequenceCheck.IN_ORDER);
				current.put(subject, release(plan, waiting.get(subject), sequence, decodeHeld));
			}
		}
		waiting.values()
			.forEach((queue) -> queue.values()
				.forEach((list) -> list.stream()
					.filter((w) -> w.record() != null)
					.forEach((w) -> plan.hold(w.record()))));
		current.forEach((subject, sequence) -> {
			if (sequence > last.getOrDefault(subject, 0L)) {
				plan.advance(subject, sequence);
			}
		});
		return plan;
	}

	/** Applies the held successors that are now next; returns the new last sequence. */
	private static long release(GatePlan plan, TreeMap<Long, List<Waiting>> queue, long applied,
			Function<HeldEvent, DecodedRecord> decodeHeld) {
		long last = applied;
		while (queue != null) {
			List<Waiting> next = queue.remove(last + 1);
			if (next == null) {
				break;
			}
			for (Waiting waiting : next) {
				if (waiting.held() != null) {
					plan.release(waiting.held().eventId(), decodeHeld.apply(waiting.held()));
				}
				else {
					plan.apply(waiting.record(), SequenceCheck.IN_ORDER);
				}
			}
			last++;
		}
		return last;
	}

	private static TreeMap<Long, List<Waiting>> waitingFor(Map<String, TreeMap<Long, List<Waiting>>> waiting,
			String subject) {
		return waiting.computeIfAbsent(subject, (s) -> new TreeMap<>());
	}

	private static void logAnomaly(DecodedRecord record, long lastApplied, SequenceCheck check, String decision) {
		try (LogContext context = record.trace().logContext()) {
			log.info("{} of {} has sequence {} but {} was applied last: {}, {}", record.eventType(),
					record.incoming().event().subject(), record.incoming().event().sequence(), lastApplied, check,
					decision);
		}
	}

	/** An event waiting for its predecessor: held before (a row) or in this batch. */
	private record Waiting(DecodedRecord record, HeldEvent held) {

	}

}
