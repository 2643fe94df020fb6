package dev.orderpipeline.orders.outbox;

/**
 * The PostgreSQL channel the active relay listens on. A transaction that makes rows
 * publishable outside the order path (an operator re-queueing parked rows) notifies it,
 * so the relay of whichever instance leads looks at once instead of at its next poll.
 */
public final class OutboxNotifications {

	public static final String CHANNEL = "order_outbox";

	private OutboxNotifications() {
	}

}
