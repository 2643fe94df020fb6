package dev.orderpipeline.orders.order;

public enum OrderStatus {

	PLACED, CANCELLED

}
