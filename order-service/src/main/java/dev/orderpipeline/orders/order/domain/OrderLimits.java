package dev.orderpipeline.orders.order.domain;

/** Bounds on the shape of one order, set by configuration. */
public record OrderLimits(int maxLines, int minQuantity, int maxQuantity) {

	public OrderLimits {
		if (maxLines < 1) {
			throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
		}
		if (minQuantity < 1 || maxQuantity < minQuantity) {
			throw new IllegalArgumentException(
					"Quantity range must satisfy 1 <= min <= max: [" + minQuantity + ", " + maxQuantity + "]");
		}
	}

}
