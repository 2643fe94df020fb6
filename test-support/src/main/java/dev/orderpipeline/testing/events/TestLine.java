package dev.orderpipeline.testing.events;

/**
 * One line of a {@link TestOrder}.
 *
 * @param sku the SKU
 * @param productName the product name
 * @param quantity units
 * @param unitPrice minor units of the order's currency
 */
public record TestLine(String sku, String productName, int quantity, long unitPrice) {

	/** A line of product "Product " + sku. */
	public TestLine(String sku, int quantity, long unitPrice) {
		this(sku, "Product " + sku, quantity, unitPrice);
	}

	public long lineTotal() {
		return this.quantity * this.unitPrice;
	}

}
