package dev.orderpipeline.consumer;

/**
 * An order already has as many events held back as
 * {@code pipeline.consumer.hold.max-events} allows: one more is dead-lettered with this
 * reason instead of held, so the table stays bounded and nothing is skipped.
 */
final class HoldLimitExceeded extends PermanentEventFailure {

	HoldLimitExceeded(String subject, long waitingFor, int held) {
		super("Order " + subject + " already has " + held + " events held waiting for sequence " + waitingFor
				+ " (pipeline.consumer.hold.max-events); dead-lettered instead of held, replay it once " + waitingFor
				+ " is applied");
	}

}
