package dev.orderpipeline.consumer;

/**
 * Where an event's per-order {@code sequence} stands relative to the highest sequence
 * this group has applied for the same order (0 if none). Duplicates of an applied event
 * id never reach the handler, so this is about different events of one order arriving out
 * of order: after a retry, a replay or a re-publication.
 */
public enum SequenceCheck {

	/** The next one expected: last applied + 1. */
	IN_ORDER,

	/**
	 * Later than expected: an earlier event of the order has not been applied yet (it may
	 * be waiting on a retry topic, or be lost). Applied, and counted as a gap.
	 */
	GAP,

	/**
	 * Not later than one already applied: an older event arriving late. Counted; passed
	 * to the handler unless it {@linkplain EventHandler#skipsStaleEvents() skips them}.
	 */
	STALE

}
