package dev.orderpipeline.orders.order.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OrderRequestRulesTest {

	final OrderRequestRules rules = new OrderRequestRules(new OrderLimits(3, 1, 10));

	@Test
	void acceptsAWellFormedRequest() {
		assertThat(this.rules.check(request("c-1", "ana@example.com", "EUR", item("A", 1), item("B", 10)))).isEmpty();
	}

	@Test
	void reportsEveryProblemAtOnce() {
		List<Violation> violations = this.rules.check(request(" ", "ana@", "euro", item(null, 0), item("B", 11)));

		assertThat(violations).extracting(Violation::field)
			.containsExactly("customerId", "customerEmail", "currency", "items[0].sku", "items[0].quantity",
					"items[1].quantity");
	}

	@Test
	void enforcesTheConfiguredNumberOfLines() {
		assertThat(this.rules
			.check(request("c-1", "ana@example.com", "EUR", item("A", 1), item("B", 1), item("C", 1), item("D", 1))))
			.extracting(Violation::field)
			.containsExactly("items");
		assertThat(this.rules.check(new PlaceOrder("acme", "c-1", "ana@example.com", "EUR", List.of())))
			.extracting(Violation::field)
			.containsExactly("items");
	}

	@Test
	void rejectsDuplicateSkusRatherThanMergingThem() {
		assertThat(this.rules.check(request("c-1", "ana@example.com", "EUR", item("A", 1), item("A", 2))))
			.extracting(Violation::field, Violation::message)
			.containsExactly(
					tuple("items[1].sku", "duplicates items[0].sku; put the whole quantity of a SKU on one line"));
	}

	@Test
	void rejectsMissingQuantityAndNullLines() {
		List<PlaceOrder.Item> items = new ArrayList<>(Arrays.asList(new PlaceOrder.Item("A", null), null));

		assertThat(this.rules.check(new PlaceOrder("acme", "c-1", "ana@example.com", "EUR", items)))
			.extracting(Violation::field)
			.containsExactly("items[0].quantity", "items[1]");
	}

	@Test
	void theTenantFromTheTokenMustFitItsColumn() {
		assertThat(this.rules.check(new PlaceOrder(null, "c-1", "ana@example.com", "EUR", List.of(item("A", 1)))))
			.extracting(Violation::field)
			.containsExactly("tenantId");
		assertThat(this.rules
			.check(new PlaceOrder("t".repeat(65), "c-1", "ana@example.com", "EUR", List.of(item("A", 1)))))
			.extracting(Violation::field)
			.containsExactly("tenantId");
		assertThat(this.rules
			.check(new PlaceOrder("t".repeat(64), "c-1", "ana@example.com", "EUR", List.of(item("A", 1))))).isEmpty();
	}

	@Test
	void canonicalFormIgnoresNothingThatMatters() {
		PlaceOrder one = request("c-1", "ana@example.com", "EUR", item("A", 1));

		assertThat(one.canonicalForm())
			.isEqualTo(request("c-1", "ana@example.com", "EUR", item("A", 1)).canonicalForm());
		assertThat(one.canonicalForm())
			.isNotEqualTo(request("c-1", "ana@example.com", "EUR", item("A", 2)).canonicalForm());
		assertThat(request("c-1", "a@x.io", "EUR", item("A,B", 1)).canonicalForm())
			.isNotEqualTo(request("c-1", "a@x.io", "EUR", item("A", 1), item("B", 1)).canonicalForm());
	}

	private static PlaceOrder request(String customer, String email, String currency, PlaceOrder.Item... items) {
		return new PlaceOrder("acme", customer, email, currency, List.of(items));
	}

	private static PlaceOrder.Item item(String sku, int quantity) {
		return new PlaceOrder.Item(sku, quantity);
	}

}
