package dev.orderpipeline.orders.outbox.parked;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the relay set aside because the broker refused it for good (too large,
 * invalid), as an operator sees it: what it is, when it was parked and why. The payload
 * itself is not shown, only its size: it holds customer data.
 */
public record ParkedRow(long id, UUID eventId, UUID orderId, String eventType, long sequence, Instant createdAt,
		Instant parkedAt, String lastError, int payloadBytes) {
}
