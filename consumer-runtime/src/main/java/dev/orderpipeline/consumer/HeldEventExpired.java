package dev.orderpipeline.consumer;

/**
 * The reason recorded with an event that was held back longer than
 * {@code pipeline.consumer.hold.max-age}: its predecessor was never applied (it may be
 * dead-lettered itself). Replay the predecessor, then this one.
 */
final class HeldEventExpired extends PermanentEventFailure {

	HeldEventExpired(HeldEvent event, long lastApplied) {
		super("Held since " + event.heldAt() + " waiting for sequence " + (lastApplied + 1) + " of order "
				+ event.subject() + " (sequence " + event.sequence() + " arrived, " + lastApplied
				+ " was applied last); dead-lettered after pipeline.consumer.hold.max-age, not applied");
	}

}
