package dev.orderpipeline.notification.orders;

import java.sql.Array;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderPlaced;
import dev.orderpipeline.notification.delivery.EmailDelivery;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the email each order event warrants, rendered: a confirmation when an order is
 * placed, a cancellation email when it is cancelled. Nothing is sent here.
 * <p>
 * Why not send inside this handler: the runtime applies a batch in one transaction and,
 * when one event fails, re-applies the events before it one by one, so an email sent from
 * here could go out again for every retry of its batch, and a send whose transaction then
 * fails to commit would go out again on redelivery. An SMTP call also cannot join the
 * transaction. Instead the row written here (status PENDING, unique on the event id,
 * committed with the runtime's inbox row) is the promise to send, and
 * {@link EmailDelivery} keeps it after the commit. A redelivered event finds its id in
 * the inbox and never reaches this class.
 * <p>
 * The runtime hands an order's events over in sequence order (a cancellation that arrives
 * first waits for its placement), so the cancellation email finds the recipient the
 * confirmation recorded. A cancellation from {@code order.cancelled.v2} on carries the
 * order itself, and its copy is used first.
 */
@Component
class OrderNotifications implements EventHandler {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final EmailDelivery delivery;

	OrderNotifications(JdbcTemplate jdbc, JsonMapper json, EmailDelivery delivery) {
		this.jdbc = jdbc;
		this.json = json;
		this.delivery = delivery;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<ReceivedEvent> placements = events.stream().filter((e) -> e.fact() instanceof OrderPlaced).toList();
		List<ReceivedEvent> cancellations = events.stream().filter((e) -> e.fact() instanceof OrderCancelled).toList();
		if (!placements.isEmpty()) {
			confirm(placements);
		}
		if (!cancellations.isEmpty()) {
			announceCancellations(cancellations);
		}
		if (!placements.isEmpty() || !cancellations.isEmpty()) {
			this.delivery.sendSoonAfterCommit();
		}
	}

	private void confirm(List<ReceivedEvent> placements) {
		this.jdbc.batchUpdate("""
				insert into order_contact (order_id, customer_id, customer_email, summary) values (?, ?, ?, ?::jsonb)
				on conflict (order_id) do nothing""", placements, placements.size(), (statement, event) -> {
			OrderPlaced placement = (OrderPlaced) event.fact();
			statement.setObject(1, placement.orderId());
			statement.setString(2, placement.customerId());
			statement.setString(3, placement.customerEmail());
			statement.setString(4, this.json.writeValueAsString(OrderSummary.of(placement.order())));
		});
		List<NewNotification> notifications = placements.stream().map((event) -> {
			OrderPlaced placement = (OrderPlaced) event.fact();
			return new NewNotification(UUID.fromString(event.id()), placement.orderId(), placement.tenantId(),
					"ORDER_CONFIRMATION", placement.customerEmail(), OrderEmails.confirmation(placement));
		}).toList();
		insert(notifications);
	}

	private void announceCancellations(List<ReceivedEvent> cancellations) {
		Map<UUID, Contact> contacts = contacts(
				cancellations.stream().map((e) -> e.fact().orderId()).distinct().toList());
		List<NewNotification> notifications = new ArrayList<>();
		for (ReceivedEvent event : cancellations) {
			OrderCancelled cancelled = (OrderCancelled) event.fact();
			// The event's own copy of the order first: it is there even when the
			// cancellation arrives before its placement.
			Optional<Contact> contact = cancelled.order()
				.map((order) -> new Contact(order.customerEmail(), OrderSummary.of(order)))
				.or(() -> Optional.ofNullable(contacts.get(cancelled.orderId())));
			EmailContent email = OrderEmails.cancellation(cancelled, contact.map(Contact::summary));
			notifications.add(new NewNotification(UUID.fromString(event.id()), cancelled.orderId(),
					cancelled.tenantId(), "ORDER_CANCELLATION", contact.map(Contact::email).orElse(null), email));
		}
		insert(notifications);
	}

	private void insert(List<NewNotification> notifications) {
		this.jdbc.batchUpdate("""
				insert into notification (event_id, order_id, kind, recipient, subject, text_body, html_body, status,
				    tenant_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", notifications, notifications.size(), (statement, n) -> {
			statement.setObject(1, n.eventId());
			statement.setObject(2, n.orderId());
			statement.setString(3, n.kind());
			statement.setString(4, n.recipient());
			statement.setString(5, n.email().subject());
			statement.setString(6, n.email().text());
			statement.setString(7, n.email().html());
			statement.setString(8, (n.recipient() != null) ? "PENDING" : "NO_RECIPIENT");
			statement.setString(9, n.tenantId());
		});
	}

	/** One query for the whole batch; placements earlier in it are already visible. */
	private Map<UUID, Contact> contacts(List<UUID> orderIds) {
		Map<UUID, Contact> contacts = new HashMap<>();
		Array ids = this.jdbc.execute((ConnectionCallback<Array>) (Connection connection) -> connection
			.createArrayOf("uuid", orderIds.toArray()));
		this.jdbc.query("select order_id, customer_email, summary from order_contact where order_id = any(?)",
				(row) -> {
					String summary = row.getString("summary");
					contacts.put(row.getObject("order_id", UUID.class), new Contact(row.getString("customer_email"),
							(summary != null) ? this.json.readValue(summary, OrderSummary.class) : null));
				}, ids);
		return contacts;
	}

	private record Contact(String email, OrderSummary summary) {

	}

	private record NewNotification(UUID eventId, UUID orderId, String tenantId, String kind, String recipient,
			EmailContent email) {

	}

}
