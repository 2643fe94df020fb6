package dev.orderpipeline.orders.order.domain;

import java.util.UUID;

/** The order's current status does not allow the requested change. */
public class InvalidOrderTransitionException extends RuntimeException {

	private final UUID orderId;

	private final OrderStatus from;

	private final OrderStatus to;

	public InvalidOrderTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
		super("Order " + orderId + " cannot move from " + from + " to " + to);
		this.orderId = orderId;
		this.from = from;
		this.to = to;
	}

	public UUID orderId() {
		return this.orderId;
	}

	public OrderStatus from() {
		return this.from;
	}

	public OrderStatus to() {
		return this.to;
	}

}
