package dev.orderpipeline.notification.orders;

import java.util.List;
import java.util.UUID;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the notification each order event warrants: a confirmation when an order is
 * placed, a cancellation notice when it is cancelled. Sending them is a later step; a row
 * here is the promise to send. Stale events are skipped: a customer whose order was
 * already reported cancelled must not get its confirmation afterwards.
 */
@Component
class OrderNotifications implements EventHandler {

	private final JdbcTemplate jdbc;

	OrderNotifications(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean skipsStaleEvents() {
		return true;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<ReceivedEvent> placements = events.stream().filter((e) -> e.placement().isPresent()).toList();
		List<ReceivedEvent> cancellations = events.stream()
			.filter((e) -> e.event() instanceof OrderCancelledV1)
			.toList();
		if (!placements.isEmpty()) {
			confirm(placements);
		}
		if (!cancellations.isEmpty()) {
			announceCancellations(cancellations);
		}
	}

	private void confirm(List<ReceivedEvent> placements) {
		this.jdbc.batchUpdate("""
				insert into order_contact (order_id, customer_id, customer_email) values (?, ?, ?)
				on conflict (order_id) do nothing""", placements, placements.size(), (statement, event) -> {
			OrderPlacement placement = event.placement().orElseThrow();
			statement.setObject(1, placement.orderId());
			statement.setString(2, placement.customerId());
			statement.setString(3, placement.customerEmail());
		});
		this.jdbc.batchUpdate("""
				insert into notification (event_id, order_id, kind, recipient, subject)
				values (?, ?, 'ORDER_CONFIRMATION', ?, ?)""", placements, placements.size(), (statement, event) -> {
			OrderPlacement placement = event.placement().orElseThrow();
			statement.setObject(1, UUID.fromString(event.id()));
			statement.setObject(2, placement.orderId());
			statement.setString(3, placement.customerEmail());
			statement.setString(4, "Your order " + placement.orderId() + " is confirmed");
		});
	}

	private void announceCancellations(List<ReceivedEvent> cancellations) {
		this.jdbc.batchUpdate("""
				insert into notification (event_id, order_id, kind, recipient, subject, status)
				select ?, ?, 'ORDER_CANCELLATION', c.customer_email, ?,
				       case when c.customer_email is null then 'NO_RECIPIENT' else 'PENDING' end
				from (select ?::uuid as order_id) o left join order_contact c on c.order_id = o.order_id""",
				cancellations, cancellations.size(), (statement, event) -> {
					OrderCancelledV1 cancelled = (OrderCancelledV1) event.event();
					statement.setObject(1, UUID.fromString(event.id()));
					statement.setObject(2, cancelled.orderId());
					statement.setString(3, "Your order " + cancelled.orderId() + " was cancelled");
					statement.setObject(4, cancelled.orderId());
				});
	}

}
