package dev.orderpipeline.search.query;

import java.time.Instant;

/**
 * A validated search: every filter is optional, {@code from} is inclusive and {@code to}
 * exclusive on the placement time.
 *
 * @param text full-text query over product names, SKUs, customer email and id
 * @param status only documents in this status
 * @param customerId only this customer's orders
 * @param sku only orders with a line of this SKU (exact)
 * @param from placed at or after
 * @param to placed before
 * @param page zero-based page
 * @param size page size
 */
record SearchCriteria(String text, OrderStatus status, String customerId, String sku, Instant from, Instant to,
		int page, int size) {

	long offset() {
		return (long) this.page * this.size;
	}

}
