package dev.orderpipeline.orders.order;

import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.PlaceOrder;
import dev.orderpipeline.support.problem.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceOrderRequestTest {

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyMemberTheServerOwnsIsListedTopLevelAndPerItem() {
		PlaceOrderRequest request = read("""
				{"customerId": "someone-else", "tenantId": "globex", "status": "CANCELLED", "currency": "EUR",
				 "total": {"amount": 1, "currency": "EUR"}, "tax": null, "colour": "red",
				 "items": [{"sku": "A", "quantity": 1, "unitPrice": {"amount": 0, "currency": "EUR"},
				            "reserved": 1}]}""");

		assertThat(request.disallowedMembers()).containsExactly(
				new FieldError("colour", "is not a known member of this request"),
				new FieldError("customerId", "must not be set: it is taken from the access token"),
				new FieldError("status", "must not be set: the server determines it"),
				new FieldError("tax", "must not be set: the server determines it"),
				new FieldError("tenantId", "must not be set: it is taken from the access token"),
				new FieldError("total", "must not be set: the server determines it"),
				new FieldError("items[0].reserved", "must not be set: the server determines it"),
				new FieldError("items[0].unitPrice", "must not be set: the server determines it"));
	}

	@Test
	void aCleanBodyBecomesTheCallersOrderWithTheTokensEmailAsDefault() {
		PlaceOrderRequest request = read("""
				{"currency": "EUR", "items": [{"sku": "A", "quantity": 2}]}""");

		assertThat(request.disallowedMembers()).isEmpty();
		PlaceOrder command = request.toCommand(new OrderOwner("acme", "customer-ana"), "ana@example.com");
		assertThat(command.tenantId()).isEqualTo("acme");
		assertThat(command.customerId()).isEqualTo("customer-ana");
		assertThat(command.customerEmail()).isEqualTo("ana@example.com");
		assertThat(command.items()).containsExactly(new PlaceOrder.Item("A", 2));
	}

	@Test
	void anEmailInTheBodyWins() {
		PlaceOrderRequest request = read("""
				{"customerEmail": "orders@ana.example", "currency": "EUR", "items": [{"sku": "A", "quantity": 2}]}""");

		assertThat(request.toCommand(new OrderOwner("acme", "customer-ana"), "ana@example.com").customerEmail())
			.isEqualTo("orders@ana.example");
	}

	private PlaceOrderRequest read(String body) {
		return this.json.readValue(body, PlaceOrderRequest.class);
	}

}
