package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Exactly one email per event that calls for one: a confirmation for every placement and
 * a cancellation email for every cancellation, each sent to the order's customer, under
 * the event's id; none for an order that does not exist. With a mail log, each sent email
 * reached the mail server (again, under the same Message-ID, if SENT could not be written
 * after the server accepted it).
 */
final class EmailInvariant {

	private static final String CONFIRMATION = "ORDER_CONFIRMATION";

	private static final String CANCELLATION = "ORDER_CANCELLATION";

	private static final String NOTIFICATIONS = """
			select event_id::text, order_id, kind, recipient, status, created_at from notification""";

	private EmailInvariant() {
	}

	static String name(String group) {
		return group + ": one email per event";
	}

	static List<Row> read(Connection connection, ReadScope scope) throws SQLException {
		boolean everything = scope.window().isEverything();
		String sql = everything ? NOTIFICATIONS : NOTIFICATIONS + " where order_id = any(?) or created_at >= ?";
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!everything) {
				statement.setArray(1, scope.orderArray(connection));
				statement.setTimestamp(2, scope.since());
			}
			statement.setFetchSize(5000);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(new Row(result.getString(1), result.getObject("order_id", UUID.class),
							result.getString("kind"), result.getString("recipient"), result.getString("status"),
							result.getTimestamp("created_at").toInstant()));
				}
			}
		}
		return rows;
	}

	@SuppressWarnings("unchecked")
	static InvariantReport check(EffectContext context, MailLog mail) {
		Tally tally = new Tally(name(context.group()),
				"A confirmation for every placement and a cancellation email"
						+ " for every cancellation, sent once to the order's customer"
						+ ((mail != null) ? " and received by the mail server" : "") + "; none without an order.",
				context.listLimit());
		Map<UUID, List<Row>> byOrder = new HashMap<>();
		for (Row row : (List<Row>) context.store().effects()) {
			byOrder.computeIfAbsent(row.orderId(), (id) -> new ArrayList<>()).add(row);
		}
		for (OrderTruth order : context.truth().orders().values()) {
			if (context.isUnsettled(order)) {
				tally.pending();
				continue;
			}
			List<Row> rows = byOrder.getOrDefault(order.orderId(), List.of());
			String id = order.orderId().toString();
			checkEmail(tally, order, rows, CONFIRMATION, context.topic().firstId(id, 1).orElse(null), mail);
			if (order.cancelled()) {
				checkEmail(tally, order, rows, CANCELLATION,
						context.topic().firstId(id, order.eventSequence()).orElse(null), mail);
			}
			else if (rows.stream().anyMatch((row) -> row.kind().equals(CANCELLATION))) {
				tally.violated(id, "a cancellation email for an order that is not cancelled");
			}
		}
		Set<String> known = new HashSet<>();
		byOrder.forEach((orderId, rows) -> {
			rows.forEach((row) -> known.add(row.eventId()));
			if (!context.truth().orders().containsKey(orderId)
					&& context.isPhantom(orderId.toString(), rows.get(0).createdAt())) {
				tally.violated(orderId.toString(), rows.size() + " email(s) for an order that does not exist");
			}
		});
		if (mail != null && context.window().isEverything()) {
			mail.messagesPerEventId()
				.keySet()
				.stream()
				.filter((eventId) -> !known.contains(eventId))
				.forEach((eventId) -> tally.violated(eventId,
						"the mail server received a message no notification sent"));
		}
		return tally.report();
	}

	private static void checkEmail(Tally tally, OrderTruth order, List<Row> rows, String kind, String eventId,
			MailLog mail) {
		String id = order.orderId().toString();
		List<Row> ofKind = rows.stream().filter((row) -> row.kind().equals(kind)).toList();
		if (ofKind.size() != 1) {
			tally.violated(id, ofKind.size() + " " + kind + " notifications, expected 1");
			return;
		}
		Row row = ofKind.get(0);
		if (row.status().equals("PENDING") || row.status().equals("SENDING")) {
			tally.pending();
			return;
		}
		String problem = null;
		if (!row.status().equals("SENT")) {
			problem = kind + " is " + row.status() + ", not SENT";
		}
		else if (!Objects.equals(row.recipient(), order.customerEmail())) {
			problem = kind + " went to " + row.recipient() + ", the order's customer is " + order.customerEmail();
		}
		else if (eventId != null && !eventId.equals(row.eventId())) {
			problem = kind + " answers event " + row.eventId() + ", but the order's event is " + eventId;
		}
		// More than one copy is the documented at-least-once window of the SMTP
		// hand-off (accepted, then SENT not written: a crash or the database gone): the
		// copies carry the same Message-ID, so a receiver drops them; MailLog#resent()
		// counts them.
		else if (mail != null && mail.copies(row.eventId()) == 0) {
			problem = kind + " (event " + row.eventId() + ") is SENT but never reached the mail server";
		}
		tally.check(problem == null, id, problem);
	}

	/** One row of {@code notification}. */
	record Row(String eventId, UUID orderId, String kind, String recipient, String status, Instant createdAt) {

	}

}
