package dev.orderpipeline.orders.outbox.parked;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited re-queue: which row went back into the queue, by whom, why, and from what.
 */
public record Requeue(long id, long outboxId, UUID eventId, UUID orderId, String eventType, Instant parkedAt,
		String lastError, String requeuedBy, String reason, Instant requeuedAt) {
}
