package dev.orderpipeline.orders.outbox;

import java.util.List;

import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.orders.order.domain.OrderCancelled;
import dev.orderpipeline.orders.order.domain.OrderEvent;
import dev.orderpipeline.orders.order.domain.OrderPlaced;
import dev.orderpipeline.orders.outbox.EventsProperties.PlacedVersion;

/**
 * Turns this service's domain facts into the published contracts of
 * {@code common-events}: the edge where the domain's language meets the wire format.
 */
final class IntegrationEvents {

	private final PlacedVersion placedVersion;

	IntegrationEvents(PlacedVersion placedVersion) {
		this.placedVersion = placedVersion;
	}

	IntegrationEvent of(OrderEvent event, long sequence) {
		if (event instanceof OrderPlaced placed) {
			return (this.placedVersion == PlacedVersion.V2) ? placedV2(placed, sequence) : placedV1(placed, sequence);
		}
		return cancelledV1((OrderCancelled) event, sequence);
	}

	static OrderPlacedV1 placedV1(OrderPlaced placed, long sequence) {
		List<OrderPlacedV1.Line> lines = placed.lines()
			.stream()
			.map((line) -> new OrderPlacedV1.Line(line.sku(), line.productName(), line.quantity(),
					money(line.unitPrice()), money(line.lineTotal())))
			.toList();
		return new OrderPlacedV1(placed.orderId(), sequence, placed.customerId(), placed.customerEmail(), lines,
				money(placed.subtotal()), money(placed.tax()), money(placed.total()), placed.total().currencyCode(),
				placed.placedAt(), placed.tenantId());
	}

	static OrderPlacedV2 placedV2(OrderPlaced placed, long sequence) {
		List<OrderPlacedV2.Line> lines = placed.lines()
			.stream()
			.map((line) -> new OrderPlacedV2.Line(line.sku(), line.productName(), line.quantity(),
					money(line.unitPrice()), money(line.lineTotal())))
			.toList();
		return new OrderPlacedV2(placed.orderId(), sequence,
				new OrderPlacedV2.Customer(placed.customerId(), placed.customerEmail()), lines,
				new OrderPlacedV2.Totals(money(placed.subtotal()), money(placed.tax()), money(placed.total())),
				placed.placedAt(), placed.tenantId());
	}

	static OrderCancelledV1 cancelledV1(OrderCancelled cancelled, long sequence) {
		return new OrderCancelledV1(cancelled.orderId(), sequence,
				cancelled.releasedLines()
					.stream()
					.map((line) -> new OrderCancelledV1.ReleasedLine(line.sku(), line.quantity()))
					.toList(),
				cancelled.cancelledAt(), null, cancelled.tenantId());
	}

	private static Money money(dev.orderpipeline.orders.money.Money money) {
		return Money.of(money.amount(), money.currencyCode());
	}

}
