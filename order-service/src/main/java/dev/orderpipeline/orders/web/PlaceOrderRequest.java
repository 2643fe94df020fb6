package dev.orderpipeline.orders.web;

import java.util.List;

import dev.orderpipeline.orders.order.PlaceOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of POST /orders. Deliberately without Bean Validation: the limits are
 * configurable and checked, all at once, by the domain's order rules.
 */
@Schema(name = "PlaceOrderRequest")
record PlaceOrderRequest(@Schema(example = "c-1", maxLength = 100) String customerId,
		@Schema(example = "ana@example.com", format = "email") String customerEmail,
		@Schema(example = "EUR", description = "ISO 4217; must match the currency of every product") String currency,
		@Schema(description = "One line per SKU; a SKU appearing twice is rejected") List<Item> items) {

	@Schema(name = "PlaceOrderItem")
	record Item(@Schema(example = "SKU-1") String sku,
			@Schema(example = "2", description = "Within the configured range (default 1..1000)") Integer quantity) {

	}

	PlaceOrder toCommand() {
		return new PlaceOrder(this.customerId, this.customerEmail, this.currency,
				(this.items != null) ? this.items.stream()
					.map((item) -> (item != null) ? new PlaceOrder.Item(item.sku(), item.quantity()) : null)
					.toList() : null);
	}

}
