package dev.orderpipeline.orders.catalog;

/** On hand cannot drop below what placed orders already hold. */
public class StockBelowReservedException extends RuntimeException {

	private final String sku;

	private final long requestedOnHand;

	private final long reserved;

	public StockBelowReservedException(String sku, long requestedOnHand, long reserved) {
		super("On hand of " + sku + " cannot be set to " + requestedOnHand + ": " + reserved
				+ " units are reserved by placed orders");
		this.sku = sku;
		this.requestedOnHand = requestedOnHand;
		this.reserved = reserved;
	}

	public String sku() {
		return this.sku;
	}

	public long requestedOnHand() {
		return this.requestedOnHand;
	}

	public long reserved() {
		return this.reserved;
	}

}
