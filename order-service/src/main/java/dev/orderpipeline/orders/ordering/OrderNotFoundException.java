package dev.orderpipeline.orders.ordering;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(UUID id) {
		super("No order " + id);
	}

}
