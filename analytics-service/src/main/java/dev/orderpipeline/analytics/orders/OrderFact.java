package dev.orderpipeline.analytics.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the ledger knows about one order after a write: its placement (null fields while
 * only the cancellation arrived) and its cancellation day (null while not cancelled).
 *
 * @param orderId the order
 * @param tenantId the tenant the order belongs to (its placement's, once known)
 * @param placedDay UTC day of {@code placedAt}, or null if the placement is not known yet
 * @param currency the order's currency, or null if the placement is not known yet
 * @param total the order total in minor units (tax included)
 * @param lines the ordered lines (empty while the placement is not known)
 * @param cancelledDay UTC day of {@code cancelledAt}, or null if not cancelled
 */
record OrderFact(UUID orderId, String tenantId, LocalDate placedDay, String currency, long total, List<Line> lines,
		LocalDate cancelledDay) {

	boolean placed() {
		return this.placedDay != null;
	}

	boolean cancelled() {
		return this.cancelledDay != null;
	}

	/**
	 * One line of a placed order.
	 *
	 * @param sku the product
	 * @param quantity units ordered
	 * @param lineTotal minor units
	 */
	record Line(String sku, int quantity, long lineTotal) {

	}

}
