package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.orderpipeline.events.Money;

/**
 * An order was accepted; the second major version of {@code order.placed}. Customer data
 * is grouped in {@link Customer} and the order's amounts in {@link Totals}; the redundant
 * top-level currency of v1 is gone (every {@link Money} carries its own). See the module
 * README for why this is a new major version. Wire type {@code order.placed.v2}.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream, 1 for the placement
 * @param customer who placed the order
 * @param lines the ordered lines, at least one
 * @param totals the order's amounts
 * @param placedAt when the order was committed
 * @param tenantId the tenant the order belongs to; {@code null} in events from before
 * tenancy (read those with {@link #tenantOrDefault()})
 */
public record OrderPlacedV2(UUID orderId, long sequence, Customer customer, List<Line> lines, Totals totals,
		Instant placedAt, String tenantId) implements OrderEvent {

	public OrderPlacedV2 {
		Contracts.required(orderId, "orderId");
		Contracts.sequence(sequence);
		Contracts.required(customer, "customer");
		lines = Contracts.nonEmpty(lines, "lines");
		Contracts.required(totals, "totals");
		Contracts.required(placedAt, "placedAt");
		Contracts.optionalTenant(tenantId);
		Contracts.sameCurrency(totals.total().currency(), Stream.concat(Stream.of(totals.subtotal(), totals.tax()),
				lines.stream().flatMap((line) -> Stream.of(line.unitPrice(), line.lineTotal()))));
	}

	@Override
	public Instant occurredAt() {
		return this.placedAt;
	}

	/**
	 * The customer who placed the order.
	 *
	 * @param id the customer id
	 * @param email where notifications go
	 */
	public record Customer(String id, String email) {

		public Customer {
			Contracts.required(id, "customer.id");
			Contracts.required(email, "customer.email");
		}

	}

	/**
	 * One ordered line.
	 *
	 * @param sku the product
	 * @param productName the product's name when the order was placed
	 * @param quantity units ordered, at least 1
	 * @param unitPrice price of one unit
	 * @param lineTotal unit price times quantity
	 */
	public record Line(String sku, String productName, int quantity, Money unitPrice, Money lineTotal) {

		public Line {
			Contracts.required(sku, "sku");
			Contracts.required(productName, "productName");
			Contracts.quantity(quantity);
			Contracts.required(unitPrice, "unitPrice");
			Contracts.required(lineTotal, "lineTotal");
		}

	}

	/**
	 * The order's amounts, all in the same currency.
	 *
	 * @param subtotal sum of the line totals
	 * @param tax tax on the subtotal
	 * @param total subtotal plus tax
	 */
	public record Totals(Money subtotal, Money tax, Money total) {

		public Totals {
			Contracts.required(subtotal, "totals.subtotal");
			Contracts.required(tax, "totals.tax");
			Contracts.required(total, "totals.total");
		}

	}

}
