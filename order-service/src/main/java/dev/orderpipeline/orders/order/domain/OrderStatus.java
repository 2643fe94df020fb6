package dev.orderpipeline.orders.order.domain;

public enum OrderStatus {

	PLACED, CANCELLED

}
