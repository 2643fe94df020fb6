package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search documents agree with the truth: each covered order has exactly one document with
 * its status, tenant, customer, currency, totals and lines; no document exists for an
 * order that does not.
 */
final class SearchInvariant {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DOCUMENTS = """
			select order_id, tenant_id, status, customer_id, customer_email, currency, subtotal_amount, tax_amount,
			       total_amount, lines::text, placed_at, cancelled_at
			from order_document""";

	private SearchInvariant() {
	}

	static String name(String group) {
		return group + ": documents equal their orders";
	}

	static Map<UUID, Document> read(Connection connection, ReadScope scope) throws SQLException {
		boolean everything = scope.window().isEverything();
		String sql = everything ? DOCUMENTS
				: DOCUMENTS + " where order_id = any(?) or placed_at >= ? or cancelled_at >= ?";
		Map<UUID, Document> documents = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!everything) {
				statement.setArray(1, scope.orderArray(connection));
				statement.setTimestamp(2, scope.since());
				statement.setTimestamp(3, scope.since());
			}
			statement.setFetchSize(5000);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					UUID id = rows.getObject("order_id", UUID.class);
					documents.put(id, new Document(rows.getString("tenant_id"), rows.getString("status"),
							rows.getString("customer_id"), rows.getString("customer_email"), rows.getString("currency"),
							(Long) rows.getObject("subtotal_amount"), (Long) rows.getObject("tax_amount"),
							(Long) rows.getObject("total_amount"), lines(rows.getString(10)),
							instant(rows.getTimestamp("placed_at")), instant(rows.getTimestamp("cancelled_at"))));
				}
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	static InvariantReport check(EffectContext context) {
		Tally tally = new Tally(name(context.group()), "Each order has one search document with its status, tenant,"
				+ " customer, currency, totals and lines; no document without an order.", context.listLimit());
		Map<UUID, Document> documents = (Map<UUID, Document>) context.store().effects();
		for (OrderTruth order : context.truth().orders().values()) {
			if (context.isUnsettled(order)) {
				tally.pending();
				continue;
			}
			Document document = documents.get(order.orderId());
			String problem = (document == null) ? "no document" : document.differenceFrom(order);
			tally.check(problem == null, order.orderId().toString(), problem);
		}
		documents.forEach((id, document) -> {
			Instant time = (document.placedAt() != null) ? document.placedAt() : document.cancelledAt();
			if (!context.truth().orders().containsKey(id) && context.isPhantom(id.toString(), time)) {
				tally.violated(id.toString(), "a " + document.status() + " document for an order that does not exist");
			}
		});
		return tally.report();
	}

	private static List<OrderTruth.Line> lines(String json) {
		List<OrderTruth.Line> lines = new ArrayList<>();
		if (json == null) {
			return lines;
		}
		for (JsonNode line : JSON.readTree(json)) {
			lines.add(new OrderTruth.Line(text(line, "sku"), text(line, "productName"), line.path("quantity").asInt(),
					line.path("unitPrice").path("amount").asLong(), line.path("lineTotal").path("amount").asLong()));
		}
		return lines;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** One row of {@code order_document}, as far as the check compares it. */
	record Document(String tenantId, String status, String customerId, String customerEmail, String currency,
			Long subtotal, Long tax, Long total, List<OrderTruth.Line> lines, Instant placedAt, Instant cancelledAt) {

		String differenceFrom(OrderTruth order) {
			List<String> differences = new ArrayList<>();
			compare(differences, "status", order.status(), this.status);
			compare(differences, "tenant", order.tenantId(), this.tenantId);
			compare(differences, "customer", order.customerId(), this.customerId);
			compare(differences, "email", order.customerEmail(), this.customerEmail);
			compare(differences, "currency", order.currency(), this.currency);
			compare(differences, "subtotal", order.subtotal(), this.subtotal);
			compare(differences, "tax", order.tax(), this.tax);
			compare(differences, "total", order.total(), this.total);
			compare(differences, "lines", order.lines(), this.lines);
			return differences.isEmpty() ? null : String.join("; ", differences);
		}

		private static void compare(List<String> differences, String field, Object expected, Object actual) {
			if (!Objects.equals(expected, actual)) {
				differences.add(field + " is " + actual + ", the order's is " + expected);
			}
		}

	}

}
