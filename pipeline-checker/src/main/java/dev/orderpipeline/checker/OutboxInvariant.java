package dev.orderpipeline.checker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Outbox to Kafka: every event of every covered order (sequences 1 to the order's
 * {@code event_sequence}: the placement, then the cancellation) is on the source topic,
 * under one id, with the type its sequence calls for; none is missing, and nothing is
 * published that the order never committed. Duplicates with the same id are allowed. An
 * event still in the outbox is pending; a parked one is a violation (it will not be
 * published unless an operator re-queues it).
 */
final class OutboxInvariant {

	static final String NAME = "outbox: every committed event on order-events";

	private final Tally tally;

	/** Orders whose events are not all on the topic yet, or moved during the check. */
	private final Set<String> unsettled = new HashSet<>();

	OutboxInvariant(int listLimit) {
		this.tally = new Tally(NAME, "Every event of every committed order is on order-events (duplicates by ce_id"
				+ " allowed), with the type its sequence calls for, under one ce_id; nothing else is published for it.",
				listLimit);
	}

	/**
	 * @param currentSequences reads the orders' latest sequence again, for events on the
	 * topic beyond the snapshot (the order may have moved on since)
	 */
	InvariantReport check(OrdersSnapshot truth, EventIndex topic,
			Function<List<UUID>, Map<UUID, Long>> currentSequences) {
		List<UUID> beyond = new ArrayList<>();
		for (OrderTruth order : truth.orders().values()) {
			String subject = order.orderId().toString();
			for (long sequence = 1; sequence <= order.eventSequence(); sequence++) {
				checkEvent(order, sequence, topic.of(subject, sequence),
						truth.outbox().getOrDefault(order.orderId(), List.of()));
			}
			if (topic.of(subject)
				.stream()
				.anyMatch((record) -> record.sequence() != null && record.sequence() > order.eventSequence())) {
				beyond.add(order.orderId());
			}
		}
		Map<UUID, Long> now = currentSequences.apply(beyond);
		for (UUID orderId : beyond) {
			OrderTruth order = truth.orders().get(orderId);
			long highest = topic.of(orderId.toString())
				.stream()
				.filter((record) -> record.sequence() != null)
				.mapToLong(PublishedRecord::sequence)
				.max()
				.orElse(0);
			if (now.getOrDefault(orderId, 0L) >= highest) {
				// Committed after the snapshot: not this check's business.
				this.unsettled.add(orderId.toString());
			}
			else if (order.committed()) {
				this.tally.violated(orderId.toString(), "sequence " + highest + " is on order-events, but the order's"
						+ " latest committed event is " + order.eventSequence());
			}
		}
		return this.tally.report();
	}

	Set<String> unsettled() {
		return this.unsettled;
	}

	private void checkEvent(OrderTruth order, long sequence, List<PublishedRecord> published,
			List<OrdersSnapshot.OutboxRow> outbox) {
		String id = order.orderId().toString();
		String expectedType = (sequence == 1) ? "order.placed." : "order.cancelled.";
		if (!published.isEmpty()) {
			Set<String> ids = new HashSet<>();
			published.forEach((record) -> ids.add(record.eventId()));
			Optional<PublishedRecord> wrongType = published.stream()
				.filter((record) -> record.type() == null || !record.type().startsWith(expectedType))
				.findFirst();
			if (wrongType.isPresent()) {
				this.tally.violated(id, "sequence " + sequence + " is published as " + wrongType.get().type() + " at "
						+ wrongType.get().coordinates() + ", expected " + expectedType + "*");
			}
			else {
				this.tally.check(ids.size() == 1, id, "sequence " + sequence + " is published under " + ids.size()
						+ " different ce_ids " + ids + ": consumers apply each of them");
			}
			return;
		}
		Optional<OrdersSnapshot.OutboxRow> row = outbox.stream().filter((r) -> r.sequence() == sequence).findFirst();
		this.unsettled.add(id);
		if (row.isPresent() && row.get().parkedAt() == null) {
			this.tally.pending();
		}
		else if (row.isPresent()) {
			this.tally.violated(id,
					"sequence " + sequence + " (" + row.get().eventType() + ", ce_id " + row.get().eventId()
							+ ") parked in the outbox since " + row.get().parkedAt() + ": " + row.get().lastError());
		}
		else if (!order.committed()) {
			this.tally.violated(id, "declared sequence " + sequence + " is not on order-events");
		}
		else {
			this.tally.violated(id, "sequence " + sequence + " (" + expectedType
					+ "*) was committed but is neither on order-events" + " nor in the outbox");
		}
	}

}
