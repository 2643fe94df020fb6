package dev.orderpipeline.orders.outbox;

import java.util.List;

import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.orders.order.domain.OrderCancelled;
import dev.orderpipeline.orders.order.domain.OrderEvent;
import dev.orderpipeline.orders.order.domain.OrderLine;
import dev.orderpipeline.orders.order.domain.OrderPlaced;

/**
 * Turns this service's domain facts into the published contracts of
 * {@code common-events}: the edge where the domain's language meets the wire format. It
 * publishes the newest major version of each type; consumers still read the older ones
 * (common-events upcasts them), so events already on the topic stay valid.
 */
final class IntegrationEvents {

	IntegrationEvent of(OrderEvent event, long sequence) {
		if (event instanceof OrderPlaced placed) {
			return placed(placed, sequence);
		}
		return cancelled((OrderCancelled) event, sequence);
	}

	static OrderPlacedV2 placed(OrderPlaced placed, long sequence) {
		return new OrderPlacedV2(placed.orderId(), sequence,
				new OrderPlacedV2.Customer(placed.customerId(), placed.customerEmail()), lines(placed.lines()),
				new OrderPlacedV2.Totals(money(placed.subtotal()), money(placed.tax()), money(placed.total())),
				placed.placedAt(), placed.tenantId());
	}

	static OrderCancelledV2 cancelled(OrderCancelled cancelled, long sequence) {
		return new OrderCancelledV2(cancelled.orderId(), sequence, cancelled.tenantId(),
				new OrderPlacedV2.Customer(cancelled.customerId(), cancelled.customerEmail()),
				lines(cancelled.releasedLines()),
				new OrderPlacedV2.Totals(money(cancelled.subtotal()), money(cancelled.tax()), money(cancelled.total())),
				cancelled.cancelledAt(), cancelled.reason());
	}

	private static List<OrderPlacedV2.Line> lines(List<OrderLine> lines) {
		return lines.stream()
			.map((line) -> new OrderPlacedV2.Line(line.sku(), line.productName(), line.quantity(),
					money(line.unitPrice()), money(line.lineTotal())))
			.toList();
	}

	private static Money money(dev.orderpipeline.orders.money.Money money) {
		return Money.of(money.amount(), money.currencyCode());
	}

}
