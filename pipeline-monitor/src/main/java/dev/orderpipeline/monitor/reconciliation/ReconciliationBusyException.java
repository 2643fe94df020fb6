package dev.orderpipeline.monitor.reconciliation;

import java.time.Duration;

/** Another reconciliation is still running. */
class ReconciliationBusyException extends RuntimeException {

	ReconciliationBusyException(Duration waited) {
		super("Another reconciliation is still running after " + waited.toSeconds() + " s; try again later");
	}

}
