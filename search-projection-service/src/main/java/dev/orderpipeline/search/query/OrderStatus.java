package dev.orderpipeline.search.query;

/** The states an order document can be in, as stored in {@code order_document.status}. */
enum OrderStatus {

	PLACED, CANCELLED

}
