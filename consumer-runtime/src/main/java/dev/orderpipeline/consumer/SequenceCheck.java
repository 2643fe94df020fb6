package dev.orderpipeline.consumer;

/**
 * Where an event's per-order {@code sequence} stands relative to the highest sequence
 * this group has applied for the same order (0 if none). Duplicates of an applied event
 * id never reach the handler, so this is about different events of one order arriving out
 * of order: after a retry, a replay or a re-publication.
 */
public enum SequenceCheck {

	/**
	 * The next one expected: last applied + 1. Also how a held event reaches the handler,
	 * right after its predecessor.
	 */
	IN_ORDER,

	/**
	 * Later than expected: an earlier event of the order has not been applied yet (it may
	 * be waiting on a retry topic, or be dead-lettered). Held back and counted; never
	 * handed to the handler as such.
	 */
	GAP,

	/**
	 * Not later than one already applied, and not in the inbox: an event that never took
	 * effect (a replay of a dead letter, a re-publication). Counted and applied: only the
	 * inbox decides that an event was applied.
	 */
	STALE

}
