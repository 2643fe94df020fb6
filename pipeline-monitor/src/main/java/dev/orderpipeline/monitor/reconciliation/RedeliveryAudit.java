package dev.orderpipeline.monitor.reconciliation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of re-deliveries: every one is logged on the audit logger (which the
 * log pipeline keeps), and the latest are kept for the status page.
 */
final class RedeliveryAudit {

	private static final Logger audit = LoggerFactory.getLogger("dev.orderpipeline.monitor.audit");

	private final int size;

	private final Deque<RedeliveredEvent> latest = new ArrayDeque<>();

	private final ReconciliationMetrics metrics;

	RedeliveryAudit(int size, ReconciliationMetrics metrics) {
		this.size = size;
		this.metrics = metrics;
	}

	synchronized void record(RedeliveredEvent event) {
		audit.info("Re-delivery by {}: event {} ({}) at {} re-delivered to {} as {}", event.actor(), event.eventId(),
				event.type(), event.source(), event.group(), event.target());
		this.latest.addFirst(event);
		while (this.latest.size() > this.size) {
			this.latest.removeLast();
		}
		this.metrics.redelivered(event.group());
	}

	/** The latest re-deliveries, newest first. */
	synchronized List<RedeliveredEvent> latest() {
		return new ArrayList<>(this.latest);
	}

}
