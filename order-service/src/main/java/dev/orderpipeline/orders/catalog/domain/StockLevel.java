package dev.orderpipeline.orders.catalog.domain;

/**
 * Stock of one SKU. {@code reserved} is held by placed orders; only {@code available} can
 * be reserved, and on hand can never drop below what is already promised.
 */
public record StockLevel(long onHand, long reserved) {

	public StockLevel {
		if (onHand < 0 || reserved < 0 || reserved > onHand) {
			throw new IllegalArgumentException("Inconsistent stock: onHand=" + onHand + ", reserved=" + reserved);
		}
	}

	public long available() {
		return this.onHand - this.reserved;
	}

	public boolean canReserve(long quantity) {
		return quantity <= available();
	}

	public boolean canSetOnHand(long newOnHand) {
		return newOnHand >= this.reserved;
	}

}
