package dev.orderpipeline.orders.order.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a customer asks for, as received. Fields may be missing or nonsensical until
 * {@link OrderRequestRules} has checked them. The tenant and customer are the caller's
 * (from the access token), never from the request body.
 */
public record PlaceOrder(String tenantId, String customerId, String customerEmail, String currency, List<Item> items) {

	public record Item(String sku, Integer quantity) {

	}

	/**
	 * A canonical text form of the request: the same order always yields the same text,
	 * however its JSON was formatted or its members ordered. Line order is significant.
	 * The tenant is not part of it: idempotency keys are already scoped by tenant and
	 * customer.
	 */
	public String canonicalForm() {
		String lines = (this.items != null) ? this.items.stream()
			.map((item) -> (item != null) ? escape(item.sku()) + "=" + item.quantity() : "null")
			.collect(Collectors.joining(",")) : "null";
		return String.join("\n", escape(this.customerId), escape(this.customerEmail), escape(this.currency), lines);
	}

	// Quoting keeps "a,b" + "c" distinguishable from "a" + "b,c".
	private static String escape(String value) {
		return (value != null) ? '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : "null";
	}

}
