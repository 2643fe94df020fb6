package dev.orderpipeline.orders.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.PlaceOrder;
import dev.orderpipeline.support.problem.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of POST /orders. Deliberately without Bean Validation: the limits are
 * configurable and checked, all at once, by the domain's order rules.
 *
 * <p>
 * The body is closed: every member other than {@code customerEmail}, {@code currency} and
 * {@code items} (and {@code sku}, {@code quantity} per item) is collected instead of
 * failing on the first one, so that the 400 lists all of them. Members the server owns
 * (the customer and tenant from the access token, status, prices, totals, tax,
 * reservations) get a message saying so; anything else is unknown. Nothing is written for
 * such a request.
 */
@Schema(name = "PlaceOrderRequest",
		description = "The customer and tenant are the caller's (from the access token). "
				+ "Any other member, in particular customerId, tenantId, status, prices, totals, tax or reservations, "
				+ "is rejected with 400.")
record PlaceOrderRequest(@Schema(example = "ana@example.com", format = "email",
		description = "Where notifications go; defaults to the access token's email claim") String customerEmail,
		@Schema(example = "EUR", description = "ISO 4217; must match the currency of every product") String currency,
		@Schema(description = "One line per SKU; a SKU appearing twice is rejected") List<Item> items,
		@Schema(hidden = true) @JsonAnySetter Map<String, Object> otherMembers) {

	/** Set by the server from the caller's access token, never by the client. */
	private static final Set<String> FROM_TOKEN = Set.of("customerId", "tenantId", "customer", "tenant");

	PlaceOrderRequest {
		otherMembers = (otherMembers != null) ? otherMembers : new LinkedHashMap<>();
	}

	@Schema(name = "PlaceOrderItem")
	record Item(@Schema(example = "SKU-1") String sku,
			@Schema(example = "2", description = "Within the configured range (default 1..1000)") Integer quantity,
			@Schema(hidden = true) @JsonAnySetter Map<String, Object> otherMembers) {

		Item {
			otherMembers = (otherMembers != null) ? otherMembers : new LinkedHashMap<>();
		}

	}

	/**
	 * Every member the client must not send, top level and per item, in name order.
	 * @return one error per such member, empty if there is none
	 */
	List<FieldError> disallowedMembers() {
		List<FieldError> errors = new ArrayList<>();
		this.otherMembers.keySet().stream().sorted().forEach((name) -> errors.add(disallowed(name, name)));
		if (this.items != null) {
			for (int i = 0; i < this.items.size(); i++) {
				Item item = this.items.get(i);
				if (item != null) {
					for (String name : item.otherMembers().keySet().stream().sorted().toList()) {
						errors.add(disallowed("items[" + i + "]." + name, name));
					}
				}
			}
		}
		return errors;
	}

	private static FieldError disallowed(String path, String name) {
		if (FROM_TOKEN.contains(name)) {
			return new FieldError(path, "must not be set: it is taken from the access token");
		}
		if (ServerOwnedMembers.NAMES.contains(name)) {
			return new FieldError(path, "must not be set: the server determines it");
		}
		return new FieldError(path, "is not a known member of this request");
	}

	/**
	 * The command for the domain: tenant and customer from the caller, the email from the
	 * body or else the token's.
	 */
	PlaceOrder toCommand(OrderOwner owner, String tokenEmail) {
		String email = (this.customerEmail != null) ? this.customerEmail : tokenEmail;
		return new PlaceOrder(owner.tenantId(), owner.customerId(), email, this.currency,
				(this.items != null) ? this.items.stream()
					.map((item) -> (item != null) ? new PlaceOrder.Item(item.sku(), item.quantity()) : null)
					.toList() : null);
	}

	/** Names of members that describe what the server decides about an order. */
	private static final class ServerOwnedMembers {

		static final Set<String> NAMES = Set.of("id", "status", "price", "prices", "unitPrice", "lineTotal", "subtotal",
				"tax", "taxRate", "total", "totals", "amount", "reserved", "reservation", "reservations", "lines",
				"createdAt", "cancelledAt", "productName", "name", "lineNumber");

	}

}
