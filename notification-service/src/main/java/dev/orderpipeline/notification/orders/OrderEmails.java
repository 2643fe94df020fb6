package dev.orderpipeline.notification.orders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderDetails;
import dev.orderpipeline.events.facts.OrderPlaced;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders the order emails, plain text and HTML, from plain Java text blocks. Every value
 * that came from an event is HTML-escaped in the HTML part: product names are written by
 * people.
 */
final class OrderEmails {

	private OrderEmails() {
	}

	static EmailContent confirmation(OrderPlaced placement) {
		OrderSummary summary = OrderSummary.of(placement.order());
		String subject = "Your order " + placement.orderId() + " is confirmed";
		String text = """
				Thank you for your order.

				Order %s

				%s
				Subtotal: %s
				Tax:      %s
				Total:    %s
				""".formatted(placement.orderId(), textLines(summary.lines()), Amounts.format(summary.subtotal()),
				Amounts.format(summary.tax()), Amounts.format(summary.total()));
		String html = page(subject, "<p>Thank you for your order.</p>" + htmlTable(placement.orderId(), summary));
		return new EmailContent(subject, text, html);
	}

	/**
	 * The cancellation email; with the order's summary when the cancellation carries it
	 * or this service saw the placement, otherwise with the released SKUs and quantities
	 * only.
	 */
	static EmailContent cancellation(OrderCancelled cancelled, Optional<OrderSummary> summary) {
		UUID orderId = cancelled.orderId();
		String subject = "Your order " + orderId + " was cancelled";
		String reason = (cancelled.reason() != null) ? "Reason: " + cancelled.reason() + "\n" : "";
		String htmlReason = (cancelled.reason() != null) ? "<p>Reason: " + escape(cancelled.reason()) + "</p>" : "";
		if (summary.isPresent()) {
			String text = """
					Your order %s was cancelled. You will not be charged.
					%s
					%s
					Total not charged: %s
					""".formatted(orderId, reason, textLines(summary.get().lines()),
					Amounts.format(summary.get().total()));
			String html = page(subject, "<p>Your order was cancelled. You will not be charged.</p>" + htmlReason
					+ htmlTable(orderId, summary.get()));
			return new EmailContent(subject, text, html);
		}
		String released = cancelled.releasedLines()
			.stream()
			.map((line) -> line.quantity() + " x " + line.sku())
			.collect(Collectors.joining("\n"));
		String text = """
				Your order %s was cancelled. You will not be charged.
				%s
				%s
				""".formatted(orderId, reason, released);
		String htmlReleased = cancelled.releasedLines()
			.stream()
			.map((line) -> "<li>" + line.quantity() + " x " + escape(line.sku()) + "</li>")
			.collect(Collectors.joining());
		String html = page(subject, "<p>Your order " + orderId + " was cancelled. You will not be charged.</p>"
				+ htmlReason + "<ul>" + htmlReleased + "</ul>");
		return new EmailContent(subject, text, html);
	}

	private static String textLines(List<OrderDetails.Line> lines) {
		return lines.stream()
			.map((line) -> "%d x %s (%s) at %s = %s%n".formatted(line.quantity(), line.productName(), line.sku(),
					Amounts.format(line.unitPrice()), Amounts.format(line.lineTotal())))
			.collect(Collectors.joining());
	}

	private static String htmlTable(UUID orderId, OrderSummary summary) {
		String rows = summary.lines()
			.stream()
			.map((line) -> """
					<tr><td>%s</td><td>%s</td><td align="right">%d</td><td align="right">%s</td><td align="right">%s</td></tr>
					"""
				.formatted(escape(line.productName()), escape(line.sku()), line.quantity(),
						escape(Amounts.format(line.unitPrice())), escape(Amounts.format(line.lineTotal()))))
			.collect(Collectors.joining());
		Map<String, String> totals = Map.of("Subtotal", Amounts.format(summary.subtotal()), "Tax",
				Amounts.format(summary.tax()), "Total", Amounts.format(summary.total()));
		Function<String, String> totalRow = (label) -> "<tr><td colspan=\"4\">" + label + "</td><td align=\"right\">"
				+ escape(totals.get(label)) + "</td></tr>\n";
		return """
				<h2>Order %s</h2>
				<table>
				<tr><th>Product</th><th>SKU</th><th>Quantity</th><th>Unit price</th><th>Line total</th></tr>
				%s%s%s%s</table>
				""".formatted(orderId, rows, totalRow.apply("Subtotal"), totalRow.apply("Tax"),
				totalRow.apply("Total"));
	}

	private static String page(String title, String body) {
		return """
				<!DOCTYPE html>
				<html><head><meta charset="UTF-8"><title>%s</title></head>
				<body>
				%s
				</body></html>
				""".formatted(escape(title), body);
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, "UTF-8");
	}

}
