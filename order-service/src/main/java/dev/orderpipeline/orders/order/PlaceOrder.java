package dev.orderpipeline.orders.order;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a customer asks for, as received. Fields may be missing or nonsensical until
 * {@link OrderRequestRules} has checked them.
 */
public record PlaceOrder(String customerId, String customerEmail, String currency, List<Item> items) {

	public record Item(String sku, Integer quantity) {

	}

	/**
	 * A canonical text form of the request: the same order always yields the same text,
	 * however its JSON was formatted or its members ordered. Line order is significant.
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
