package dev.orderpipeline.notification.orders;

import java.sql.Array;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.events.facts.OrderPlaced;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification tables {@link OrderNotifications} writes, one batched statement per
 * call: {@code order_contact} (who to write to about an order, and what it was) and
 * {@code notification} (the rendered email, the promise to send it).
 */
@Repository
class NotificationRecords {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	NotificationRecords(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The first placement of an order is its contact; a second one changes nothing. */
	void recordContacts(List<OrderPlaced> placements) {
		this.jdbc.batchUpdate("""
				insert into order_contact (order_id, customer_id, customer_email, summary) values (?, ?, ?, ?::jsonb)
				on conflict (order_id) do nothing""", placements, placements.size(), (statement, placement) -> {
			statement.setObject(1, placement.orderId());
			statement.setString(2, placement.customerId());
			statement.setString(3, placement.customerEmail());
			statement.setString(4, this.json.writeValueAsString(OrderSummary.of(placement.order())));
		});
	}

	/** One query for the whole batch; placements recorded earlier in it are visible. */
	Map<UUID, Contact> contacts(List<UUID> orderIds) {
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

	/**
	 * PENDING for {@code EmailDelivery} to send, or NO_RECIPIENT when nobody is known.
	 */
	void insert(List<NewNotification> notifications) {
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

	record Contact(String email, OrderSummary summary) {

	}

	record NewNotification(UUID eventId, UUID orderId, String tenantId, String kind, String recipient,
			EmailContent email) {

	}

}
