package dev.orderpipeline.events.facts;

import java.util.List;
import java.util.Optional;

import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderEvent;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * The one upcaster: reads every supported type and major version of order event into its
 * {@link OrderFact}. Adding a major version means one mapping here (and
 * {@code OrderFactsTests} fails for a registered type without one); handlers do not
 * change.
 */
public final class OrderFacts {

	private OrderFacts() {
	}

	/**
	 * The fact an event carries.
	 * @param event a decoded event
	 * @return its fact
	 * @throws IllegalArgumentException for an event type without a mapping
	 */
	public static OrderFact of(IntegrationEvent event) {
		if (event instanceof OrderPlacedV1 v1) {
			return placed(v1);
		}
		if (event instanceof OrderPlacedV2 v2) {
			return placed(v2);
		}
		if (event instanceof OrderCancelledV1 v1) {
			return cancelled(v1);
		}
		if (event instanceof OrderCancelledV2 v2) {
			return cancelled(v2);
		}
		throw new IllegalArgumentException("No fact for " + event.getClass().getName());
	}

	static OrderPlaced placed(OrderPlacedV1 event) {
		List<OrderDetails.Line> lines = event.lines()
			.stream()
			.map((line) -> new OrderDetails.Line(line.sku(), line.productName(), line.quantity(), line.unitPrice(),
					line.lineTotal()))
			.toList();
		return new OrderPlaced(
				event.orderId(), event.sequence(), tenant(event), new OrderDetails(event.customerId(),
						event.customerEmail(), lines, event.subtotal(), event.tax(), event.total()),
				event.placedAt(), 1);
	}

	static OrderPlaced placed(OrderPlacedV2 event) {
		return new OrderPlaced(event.orderId(), event.sequence(), tenant(event),
				details(event.customer(), event.lines(), event.totals()), event.placedAt(), 2);
	}

	static OrderCancelled cancelled(OrderCancelledV1 event) {
		return new OrderCancelled(event.orderId(), event.sequence(), tenant(event),
				event.releasedLines()
					.stream()
					.map((line) -> new OrderCancelled.ReleasedLine(line.sku(), line.quantity()))
					.toList(),
				event.cancelledAt(), event.reason(), Optional.empty(), 1);
	}

	static OrderCancelled cancelled(OrderCancelledV2 event) {
		// v2 releases the whole reservation: the released stock is the ordered lines.
		return new OrderCancelled(event.orderId(), event.sequence(), tenant(event),
				event.lines()
					.stream()
					.map((line) -> new OrderCancelled.ReleasedLine(line.sku(), line.quantity()))
					.toList(),
				event.cancelledAt(), event.reason(),
				Optional.of(details(event.customer(), event.lines(), event.totals())), 2);
	}

	private static OrderDetails details(OrderPlacedV2.Customer customer, List<OrderPlacedV2.Line> lines,
			OrderPlacedV2.Totals totals) {
		return new OrderDetails(customer.id(), customer.email(),
				lines.stream()
					.map((line) -> new OrderDetails.Line(line.sku(), line.productName(), line.quantity(),
							line.unitPrice(), line.lineTotal()))
					.toList(),
				totals.subtotal(), totals.tax(), totals.total());
	}

	private static String tenant(OrderEvent event) {
		return event.tenantOrDefault();
	}

}
