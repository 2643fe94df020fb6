package dev.orderpipeline.orders.order.domain;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks of an order request that need no catalog: presence, shape and ranges. Every
 * violation is reported at once so a client can fix a request in one round.
 *
 * <p>
 * Duplicate SKUs are rejected rather than merged: two lines for one SKU are most likely a
 * client bug, and merging would answer with lines the client never sent.
 */
public final class OrderRequestRules {

	static final int MAX_TENANT_ID_LENGTH = 64;

	static final int MAX_CUSTOMER_ID_LENGTH = 100;

	static final int MAX_EMAIL_LENGTH = 254;

	static final int MAX_SKU_LENGTH = 64;

	// Deliberately modest: one '@', no whitespace, a dot in the domain. Deliverability is
	// the notification service's concern, not the order API's.
	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

	private static final Pattern CURRENCY_CODE = Pattern.compile("^[A-Z]{3}$");

	private final OrderLimits limits;

	public OrderRequestRules(OrderLimits limits) {
		this.limits = limits;
	}

	public List<Violation> check(PlaceOrder request) {
		List<Violation> violations = new ArrayList<>();
		checkCustomer(request, violations);
		checkCurrency(request.currency(), violations);
		checkItems(request.items(), violations);
		return violations;
	}

	public void requireValid(PlaceOrder request) {
		List<Violation> violations = check(request);
		if (!violations.isEmpty()) {
			throw new OrderRejectedException(violations);
		}
	}

	private void checkCustomer(PlaceOrder request, List<Violation> violations) {
		// Tenant and customer come from the access token; a token whose claims do not fit
		// the columns is refused like any other invalid input rather than truncated.
		String tenantId = request.tenantId();
		if (tenantId == null || tenantId.isBlank()) {
			violations.add(new Violation("tenantId", "is required"));
		}
		else if (tenantId.length() > MAX_TENANT_ID_LENGTH) {
			violations.add(new Violation("tenantId", "must be at most " + MAX_TENANT_ID_LENGTH + " characters"));
		}
		String customerId = request.customerId();
		if (customerId == null || customerId.isBlank()) {
			violations.add(new Violation("customerId", "is required"));
		}
		else if (customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
			violations.add(new Violation("customerId", "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters"));
		}
		String email = request.customerEmail();
		if (email == null || email.isBlank()) {
			violations.add(new Violation("customerEmail", "is required"));
		}
		else if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
			violations.add(new Violation("customerEmail", "must be a valid email address"));
		}
	}

	private void checkCurrency(String currency, List<Violation> violations) {
		if (currency == null || currency.isBlank()) {
			violations.add(new Violation("currency", "is required"));
		}
		else if (!CURRENCY_CODE.matcher(currency).matches() || !isIsoCurrency(currency)) {
			violations.add(new Violation("currency", "must be an ISO 4217 currency code such as EUR"));
		}
	}

	private void checkItems(List<PlaceOrder.Item> items, List<Violation> violations) {
		if (items == null || items.isEmpty()) {
			violations.add(new Violation("items", "must contain at least one line"));
			return;
		}
		if (items.size() > this.limits.maxLines()) {
			violations.add(new Violation("items", "must contain at most " + this.limits.maxLines() + " lines"));
			return;
		}
		Map<String, Integer> firstLineOfSku = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			PlaceOrder.Item item = items.get(i);
			String path = "items[" + i + "]";
			if (item == null) {
				violations.add(new Violation(path, "must not be null"));
				continue;
			}
			checkSku(item.sku(), path, i, firstLineOfSku, violations);
			checkQuantity(item.quantity(), path, violations);
		}
	}

	private void checkSku(String sku, String path, int index, Map<String, Integer> firstLineOfSku,
			List<Violation> violations) {
		if (sku == null || sku.isBlank()) {
			violations.add(new Violation(path + ".sku", "is required"));
		}
		else if (sku.length() > MAX_SKU_LENGTH) {
			violations.add(new Violation(path + ".sku", "must be at most " + MAX_SKU_LENGTH + " characters"));
		}
		else {
			Integer first = firstLineOfSku.putIfAbsent(sku, index);
			if (first != null) {
				violations.add(new Violation(path + ".sku",
						"duplicates items[" + first + "].sku; put the whole quantity of a SKU on one line"));
			}
		}
	}

	private void checkQuantity(Integer quantity, String path, List<Violation> violations) {
		if (quantity == null) {
			violations.add(new Violation(path + ".quantity", "is required"));
		}
		else if (quantity < this.limits.minQuantity() || quantity > this.limits.maxQuantity()) {
			violations.add(new Violation(path + ".quantity",
					"must be between " + this.limits.minQuantity() + " and " + this.limits.maxQuantity()));
		}
	}

	private static boolean isIsoCurrency(String code) {
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
