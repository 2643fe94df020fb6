package dev.orderpipeline.orders.catalog.domain;

import java.util.List;

/** At least one line cannot be reserved; nothing was reserved for any line. */
public class InsufficientStockException extends RuntimeException {

	private final List<Shortage> shortages;

	public InsufficientStockException(List<Shortage> shortages) {
		super("Insufficient stock: " + shortages);
		this.shortages = List.copyOf(shortages);
	}

	public List<Shortage> shortages() {
		return this.shortages;
	}

}
