package dev.orderpipeline.monitor.reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.orderpipeline.checker.CheckWindow;

/**
 * Reconciliation as operators use it: check a window, see the last check, re-deliver a
 * missing event, see who re-delivered what. Present only when
 * {@code pipeline.monitor.reconciliation.orders.url} is set.
 */
final class Reconciliation {

	private final Reconciler reconciler;

	private final Redelivery redelivery;

	private final RedeliveryAudit audit;

	private final Duration defaultWindow;

	Reconciliation(Reconciler reconciler, Redelivery redelivery, RedeliveryAudit audit, Duration defaultWindow) {
		this.reconciler = reconciler;
		this.redelivery = redelivery;
		this.audit = audit;
		this.defaultWindow = defaultWindow;
	}

	ReconciliationResult run(CheckWindow window) {
		return this.reconciler.run(window, "on-demand");
	}

	Optional<ReconciliationResult> last() {
		return this.reconciler.last();
	}

	RedeliveredEvent redeliver(RedeliveryRequest request, String actor) {
		return this.redelivery.redeliver(request, actor);
	}

	List<RedeliveredEvent> redeliveries() {
		return this.audit.latest();
	}

	Duration defaultWindow() {
		return this.defaultWindow;
	}

}
