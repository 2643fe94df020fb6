package dev.orderpipeline.notification.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads notifications for the API, and puts a FAILED one back in the queue: always within
 * the caller's tenant, so another tenant's notification is not found (404), as if it did
 * not exist.
 */
@Component
class NotificationHistory {

	private static final String COLUMNS = """
			id, event_id, order_id, kind, recipient, subject, status, attempts, created_at, sent_at,
			case when status = 'PENDING' then next_attempt_at end as next_attempt_at, last_error""";

	private final JdbcClient jdbc;

	NotificationHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	NotificationPage find(String tenantId, UUID orderId, String recipient, NotificationStatus status, int page,
			int size) {
		List<String> conditions = new ArrayList<>(List.of("tenant_id = :tenantId"));
		if (orderId != null) {
			conditions.add("order_id = :orderId");
		}
		if (recipient != null) {
			conditions.add("recipient = :recipient");
		}
		if (status != null) {
			conditions.add("status = :status");
		}
		// One row more than the page tells whether there is a next page.
		List<NotificationView> rows = this.jdbc
			.sql("select " + COLUMNS + " from notification where " + String.join(" and ", conditions)
					+ " order by id desc limit :limit offset :offset")
			.param("tenantId", tenantId)
			.param("orderId", orderId)
			.param("recipient", recipient)
			.param("status", (status != null) ? status.name() : null)
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query((row, i) -> view(row, false))
			.list();
		boolean hasNext = rows.size() > size;
		return new NotificationPage(hasNext ? rows.subList(0, size) : rows, page, size, hasNext);
	}

	Optional<NotificationView> find(String tenantId, long id) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ ", text_body, html_body from notification where id = :id and tenant_id = :tenantId")
			.param("id", id)
			.param("tenantId", tenantId)
			.query((row, i) -> view(row, true))
			.optional();
	}

	/**
	 * @return whether the notification was FAILED and is now PENDING with fresh attempts
	 */
	boolean resend(String tenantId, long id) {
		return this.jdbc.sql("""
				update notification set status = 'PENDING', attempts = 0, next_attempt_at = now()
				where id = :id and tenant_id = :tenantId and status = 'FAILED' and recipient is not null
				    and text_body is not null""").param("id", id).param("tenantId", tenantId).update() == 1;
	}

	private static NotificationView view(ResultSet row, boolean withBodies) throws SQLException {
		return new NotificationView(row.getLong("id"), row.getObject("event_id", UUID.class),
				row.getObject("order_id", UUID.class), row.getString("kind"), row.getString("recipient"),
				row.getString("subject"), NotificationStatus.valueOf(row.getString("status")), row.getInt("attempts"),
				instant(row, "created_at"), instant(row, "sent_at"), instant(row, "next_attempt_at"),
				row.getString("last_error"), withBodies ? row.getString("text_body") : null,
				withBodies ? row.getString("html_body") : null);
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
