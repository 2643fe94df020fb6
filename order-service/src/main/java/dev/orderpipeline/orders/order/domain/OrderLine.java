package dev.orderpipeline.orders.order.domain;

import dev.orderpipeline.orders.money.Money;

/**
 * One priced line. The product name and unit price are copied at placement, so later
 * catalog edits never change an order that was already placed.
 */
public record OrderLine(int lineNumber, String sku, String productName, int quantity, Money unitPrice,
		Money lineTotal) {

}
