package dev.orderpipeline.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.Money;

/**
 * What a consumer needs to know about a placed order, whichever major version of
 * {@code order.placed} carried it. Consumers handle this view, not the versioned records,
 * so a new major version means one new mapping in {@link OrderPlacements} instead of a
 * change in every handler. This is a read model inside the consumer, not a wire format.
 *
 * @param orderId the order
 * @param sequence position in the order's event stream
 * @param customerId the customer
 * @param customerEmail where notifications go
 * @param lines the ordered lines
 * @param subtotal sum of the line totals
 * @param tax tax on the subtotal
 * @param total subtotal plus tax
 * @param placedAt when the order was committed
 * @param sourceVersion the major version the view was read from, for metrics and logs
 * @param tenantId the tenant the order belongs to, never {@code null}: a placement
 * published before tenancy reads as {@value OrderEvent#DEFAULT_TENANT}
 */
public record OrderPlacement(UUID orderId, long sequence, String customerId, String customerEmail, List<Line> lines,
		Money subtotal, Money tax, Money total, Instant placedAt, int sourceVersion, String tenantId) {

	public OrderPlacement {
		lines = List.copyOf(lines);
		tenantId = Contracts.tenantOrDefault(tenantId);
	}

	/**
	 * A placement of tenant {@value OrderEvent#DEFAULT_TENANT}, as read from an event
	 * published before tenancy.
	 */
	public OrderPlacement(UUID orderId, long sequence, String customerId, String customerEmail, List<Line> lines,
			Money subtotal, Money tax, Money total, Instant placedAt, int sourceVersion) {
		this(orderId, sequence, customerId, customerEmail, lines, subtotal, tax, total, placedAt, sourceVersion, null);
	}

	/**
	 * Same as {@link #tenantId()}, which is already defaulted here; named like the
	 * events' accessor so consumers can use one name everywhere.
	 * @return the tenant id, never {@code null}
	 */
	public String tenantOrDefault() {
		return this.tenantId;
	}

	/**
	 * The currency of the order's amounts.
	 * @return the ISO 4217 code
	 */
	public String currency() {
		return this.total.currency();
	}

	/**
	 * One ordered line.
	 *
	 * @param sku the product
	 * @param productName the product's name when the order was placed
	 * @param quantity units ordered
	 * @param unitPrice price of one unit
	 * @param lineTotal unit price times quantity
	 */
	public record Line(String sku, String productName, int quantity, Money unitPrice, Money lineTotal) {

	}

}
