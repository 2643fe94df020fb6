package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.orderpipeline.events.Money;

/**
 * An order was accepted: stock is reserved and the order is committed. Wire type
 * {@code order.placed.v1}.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream, 1 for the placement
 * @param customerId the customer who placed the order
 * @param customerEmail where notifications go
 * @param lines the ordered lines, at least one
 * @param subtotal sum of the line totals
 * @param tax tax on the subtotal
 * @param total subtotal plus tax
 * @param currency ISO 4217 code of every amount in the event
 * @param placedAt when the order was committed
 * @param tenantId the tenant the order belongs to; {@code null} in events from before
 * tenancy (read those with {@link #tenantOrDefault()})
 */
public record OrderPlacedV1(UUID orderId, long sequence, String customerId, String customerEmail, List<Line> lines,
		Money subtotal, Money tax, Money total, String currency, Instant placedAt,
		String tenantId) implements OrderEvent {

	public OrderPlacedV1 {
		Contracts.required(orderId, "orderId");
		Contracts.sequence(sequence);
		Contracts.required(customerId, "customerId");
		Contracts.required(customerEmail, "customerEmail");
		lines = Contracts.nonEmpty(lines, "lines");
		Contracts.required(subtotal, "subtotal");
		Contracts.required(tax, "tax");
		Contracts.required(total, "total");
		Contracts.required(currency, "currency");
		Contracts.required(placedAt, "placedAt");
		Contracts.optionalTenant(tenantId);
		Contracts.sameCurrency(currency, Stream.concat(Stream.of(subtotal, tax, total),
				lines.stream().flatMap((line) -> Stream.of(line.unitPrice(), line.lineTotal()))));
	}

	@Override
	public Instant occurredAt() {
		return this.placedAt;
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

}
