package dev.orderpipeline.notification.orders;

import java.util.List;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.order.OrderPlacement;

/**
 * What a cancellation email repeats from the placement, kept as JSON in
 * {@code order_contact.summary}: a cancellation event carries only SKUs and quantities.
 *
 * @param lines the ordered lines
 * @param subtotal sum of the line totals
 * @param tax tax on the subtotal
 * @param total subtotal plus tax
 */
record OrderSummary(List<OrderPlacement.Line> lines, Money subtotal, Money tax, Money total) {

	static OrderSummary of(OrderPlacement placement) {
		return new OrderSummary(placement.lines(), placement.subtotal(), placement.tax(), placement.total());
	}

}
