package dev.orderpipeline.orders.catalog.domain;

import java.util.Comparator;
import java.util.List;

/**
 * The stock an order holds: one entry per SKU, in SKU order.
 *
 * <p>
 * The order matters. Reserving and releasing lock stock rows; when every transaction
 * locks them in the same (SKU) order, two orders sharing SKUs wait for each other instead
 * of deadlocking. A reservation succeeds only if {@code onHand - reserved >= quantity}
 * for every SKU, atomically, or for none.
 */
public record StockReservation(List<Entry> entries) {

	public record Entry(String sku, int quantity) {

	}

	public StockReservation {
		entries = entries.stream().sorted(Comparator.comparing(Entry::sku)).toList();
	}

}
