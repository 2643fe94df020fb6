package dev.orderpipeline.search.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One order as the search endpoint returns it. Placement fields are null while only a
 * cancellation has been seen (it can overtake its placement after a retry).
 *
 * @param orderId the order
 * @param status PLACED or CANCELLED
 * @param customer who placed it
 * @param lines the ordered lines
 * @param totals subtotal, tax and total
 * @param placedAt when it was placed
 * @param cancelledAt when it was cancelled
 * @param cancelReason why, if given
 * @param lastSequence the highest event sequence applied
 * @param updatedAt when the document was last written
 */
record OrderDocumentView(UUID orderId, OrderStatus status, Customer customer, List<Line> lines, Totals totals,
		Instant placedAt, Instant cancelledAt, String cancelReason, long lastSequence, Instant updatedAt) {

	record Customer(String id, String email) {

	}

	record Money(long amount, String currency) {

	}

	record Line(String sku, String productName, int quantity, Money unitPrice, Money lineTotal) {

	}

	record Totals(Money subtotal, Money tax, Money total) {

	}

}
