package dev.orderpipeline.checker;

import java.util.List;

/**
 * What a check takes besides its sources and window.
 *
 * @param declaredOrders orders whose events were published from outside order-service,
 * with what they really are (the fault-injection suite's reordered orders)
 * @param mail what the mail server received, or {@code null} to check the notification
 * table only
 * @param listLimit how many violations each invariant lists (all are counted)
 */
public record CheckOptions(List<OrderTruth> declaredOrders, MailLog mail, int listLimit) {

	public CheckOptions {
		declaredOrders = List.copyOf(declaredOrders);
		if (listLimit < 0) {
			throw new IllegalArgumentException("listLimit must not be negative");
		}
	}

	public static CheckOptions defaults() {
		return new CheckOptions(List.of(), null, 100);
	}

	public CheckOptions withDeclaredOrders(List<OrderTruth> orders) {
		return new CheckOptions(orders, this.mail, this.listLimit);
	}

	public CheckOptions withMail(MailLog log) {
		return new CheckOptions(this.declaredOrders, log, this.listLimit);
	}

	public CheckOptions withListLimit(int limit) {
		return new CheckOptions(this.declaredOrders, this.mail, limit);
	}

}
