package dev.orderpipeline.checker;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What an effect check of one consumer group needs besides its own rows.
 *
 * @param group the consumer group
 * @param window the check's window
 * @param truth the truth snapshot
 * @param topic the source topic's records by order
 * @param store the group's inbox and effects
 * @param unsettled orders whose events this group has not all applied yet (pending or
 * missing: reported by the delivery and outbox invariants), or that moved during the
 * check; their effects are not compared
 * @param listLimit how many violations to list
 */
record EffectContext(String group, CheckWindow window, OrdersSnapshot truth, EventIndex topic, ConsumerSnapshot store,
		Set<String> unsettled, int listLimit) {

	/** Rows this recent may belong to orders committed after the truth snapshot. */
	static final Duration RECENT = Duration.ofMinutes(1);

	boolean isUnsettled(OrderTruth order) {
		String id = order.orderId().toString();
		return this.unsettled.contains(id) || (!order.cancelled() && this.store.applied(id, "order.cancelled"));
	}

	/**
	 * Whether a row about an order unknown to the truth, timed {@code time}, is a
	 * phantom: in the window, and surely not of an order committed after the truth
	 * snapshot. An event is published after its order's commit, so an order with a record
	 * published before the snapshot (less a second of clock slack) was committed before
	 * it; without such a record, the row must be older than {@link #RECENT}.
	 */
	boolean isPhantom(String orderId, Instant time) {
		if (time == null || !this.window.contains(time)) {
			return false;
		}
		Instant snapshot = this.truth.readAt();
		boolean publishedBefore = this.topic.of(orderId)
			.stream()
			.anyMatch((record) -> record.timestamp().isBefore(snapshot.minusSeconds(1)));
		return publishedBefore || time.isBefore(snapshot.minus(RECENT));
	}

}
