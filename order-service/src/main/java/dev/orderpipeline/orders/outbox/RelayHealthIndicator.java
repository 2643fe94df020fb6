package dev.orderpipeline.orders.outbox;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health component {@code outboxRelay}: DOWN when this instance's relay leads, rows wait,
 * and it has published nothing for longer than {@code orders.outbox.relay.stalled-after}
 * (the broker refuses or is gone); UP otherwise, including on a standby instance, whose
 * relay has nothing to answer for. It is not part of liveness: restarting the service
 * would not bring the broker back.
 */
class RelayHealthIndicator extends AbstractHealthIndicator {

	private final RelayProgress progress;

	private final Duration stalledAfter;

	RelayHealthIndicator(RelayProgress progress, Duration stalledAfter) {
		super("Outbox relay health check failed");
		this.progress = progress;
		this.stalledAfter = stalledAfter;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean stalled = this.progress.stalled(this.stalledAfter);
		(stalled ? builder.down() : builder.up()).withDetail("active", this.progress.isActive())
			.withDetail("rowsWaiting", this.progress.rowsWaiting())
			.withDetail("lastPublished",
					(this.progress.lastPublished() != null) ? this.progress.lastPublished().toString() : "never")
			.withDetail("stalledAfter", this.stalledAfter.toString());
	}

}
