package dev.orderpipeline.notification.orders;

import java.util.List;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.facts.OrderDetails;

/**
 * What a cancellation email repeats from the order, kept as JSON in
 * {@code order_contact.summary}: a cancellation of {@code order.cancelled.v1} carries
 * only SKUs and quantities.
 *
 * @param lines the ordered lines
 * @param subtotal sum of the line totals
 * @param tax tax on the subtotal
 * @param total subtotal plus tax
 */
record OrderSummary(List<OrderDetails.Line> lines, Money subtotal, Money tax, Money total) {

	static OrderSummary of(OrderDetails order) {
		return new OrderSummary(order.lines(), order.subtotal(), order.tax(), order.total());
	}

}
