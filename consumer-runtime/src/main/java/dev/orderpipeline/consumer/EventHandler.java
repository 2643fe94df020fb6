package dev.orderpipeline.consumer;

import java.util.List;

import dev.orderpipeline.events.EventType;

/**
 * The business logic of one consumer: the only class a consumer service writes. Define
 * one bean of this type and the consumer runtime starts consuming {@code order-events}
 * for the service's group.
 * <p>
 * The runtime calls {@link #handle} inside one database transaction per batch, after it
 * has inserted the batch's event ids into the inbox: the list holds only events this
 * group has never applied, and an order's events in sequence order: an event that arrives
 * before its predecessor is held back and handed over right after it. Write the effect
 * with the service's {@code JdbcTemplate}/{@code JdbcClient} (or JPA); it joins that
 * transaction, so the effect and the inbox rows commit or roll back together. Batch the
 * SQL (one statement for the whole list) to keep up with a backlog.
 * <p>
 * Throw {@link PermanentEventFailure} for an event that can never succeed: it goes to the
 * group's dead-letter topic at once. Any other exception is treated as transient: the
 * runtime isolates the failing event and retries it on the group's retry topics with
 * back-off. Either way the events before it are committed and the events after it keep
 * flowing.
 */
public interface EventHandler {

	/**
	 * Applies new events. Runs in the runtime's transaction; must not commit or open its
	 * own.
	 * @param events events not applied before by this group, at least one, in partition
	 * order; only types for which {@link #handles} is true
	 */
	void handle(List<ReceivedEvent> events);

	/**
	 * Which known event types this handler wants. Events of other known types are
	 * recorded in the inbox and counted as {@code ignored}. Types this build does not
	 * know at all are dead-lettered by the runtime, whatever this says.
	 * @param type a registered event type
	 * @return whether {@link #handle} should see events of this type
	 */
	default boolean handles(EventType type) {
		return true;
	}

}
