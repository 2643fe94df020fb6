package dev.orderpipeline.events.facts;

import java.util.List;
import java.util.Objects;

import dev.orderpipeline.events.Money;

/**
 * An order as it was placed: who placed it, what, and for how much. Carried by a
 * placement, and by a cancellation from {@code order.cancelled.v2} on.
 *
 * @param customerId the customer
 * @param customerEmail where notifications go
 * @param lines the ordered lines, at least one
 * @param subtotal sum of the line totals
 * @param tax tax on the subtotal
 * @param total subtotal plus tax
 */
public record OrderDetails(String customerId, String customerEmail, List<Line> lines, Money subtotal, Money tax,
		Money total) {

	public OrderDetails {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(customerEmail, "customerEmail");
		lines = List.copyOf(lines);
		Objects.requireNonNull(subtotal, "subtotal");
		Objects.requireNonNull(tax, "tax");
		Objects.requireNonNull(total, "total");
	}

	/**
	 * The currency of every amount of the order.
	 * @return the ISO 4217 code
	 */
	public String currency() {
		return this.total.currency();
	}

	/**
	 * One ordered line.
	 *
	 * @param sku the product
	 * @param productName the product's name when the order was placed
	 * @param quantity units ordered
	 * @param unitPrice price of one unit
	 * @param lineTotal unit price times quantity
	 */
	public record Line(String sku, String productName, int quantity, Money unitPrice, Money lineTotal) {

	}

}
