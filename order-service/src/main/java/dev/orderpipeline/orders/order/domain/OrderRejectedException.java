package dev.orderpipeline.orders.order.domain;

import java.util.List;

/** The order cannot be placed as asked; the caller can fix every listed violation. */
public class OrderRejectedException extends RuntimeException {

	private final List<Violation> violations;

	public OrderRejectedException(List<Violation> violations) {
		super("Order rejected: " + violations);
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
