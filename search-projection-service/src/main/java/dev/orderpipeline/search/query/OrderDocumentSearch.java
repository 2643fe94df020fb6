package dev.orderpipeline.search.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Queries {@code order_document}, always within a {@link SearchScope} (the caller's
 * tenant, and for a customer their own orders). Text goes through
 * {@code websearch_to_tsquery} with the {@code simple} configuration, the same one that
 * builds the documents' vectors: SKUs, emails and product names in any language are
 * matched as written (lower-cased), without stemming or stop words. Results are ordered
 * newest placement first, order id breaking ties, so pages are stable.
 */
@Repository
class OrderDocumentSearch {

	private static final TypeReference<List<OrderDocumentView.Line>> LINES = new TypeReference<>() {
	};

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	OrderDocumentSearch(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	SearchPage search(SearchScope scope, SearchCriteria criteria) {
		// The scope comes first and is never optional: no filter combination widens it.
		List<String> conditions = new ArrayList<>(List.of("tenant_id = :tenantId"));
		MapSqlParameterSource parameters = new MapSqlParameterSource("tenantId", scope.tenantId());
		if (scope.customerId() != null) {
			conditions.add("customer_id = :scopeCustomerId");
			parameters.addValue("scopeCustomerId", scope.customerId());
		}
		if (criteria.text() != null) {
			conditions.add("search_text @@ websearch_to_tsquery('simple', :text)");
			parameters.addValue("text", criteria.text());
		}
		if (criteria.status() != null) {
			conditions.add("status = :status");
			parameters.addValue("status", criteria.status().name());
		}
		if (criteria.customerId() != null) {
			conditions.add("customer_id = :customerId");
			parameters.addValue("customerId", criteria.customerId());
		}
		if (criteria.sku() != null) {
			// array containment, so the GIN index on skus serves it
			conditions.add("skus @> array[cast(:sku as text)]");
			parameters.addValue("sku", criteria.sku());
		}
		if (criteria.from() != null) {
			conditions.add("placed_at >= :from");
			parameters.addValue("from", Timestamp.from(criteria.from()));
		}
		if (criteria.to() != null) {
			conditions.add("placed_at < :to");
			parameters.addValue("to", Timestamp.from(criteria.to()));
		}
		parameters.addValue("limit", criteria.size() + 1);
		parameters.addValue("offset", criteria.offset());
		String where = "where " + String.join(" and ", conditions);
		List<OrderDocumentView> rows = this.jdbc.query("""
				select order_id, status, customer_id, customer_email, currency, subtotal_amount, tax_amount,
				       total_amount, lines, placed_at, cancelled_at, cancel_reason, last_sequence, updated_at
				from order_document
				%s
				order by placed_at desc nulls last, order_id
				limit :limit offset :offset""".formatted(where), parameters, (rs, row) -> document(rs));
		boolean hasNext = rows.size() > criteria.size();
		return new SearchPage(hasNext ? rows.subList(0, criteria.size()) : rows, criteria.page(), criteria.size(),
				hasNext, null);
	}

	private OrderDocumentView document(ResultSet rs) throws SQLException {
		String currency = rs.getString("currency");
		OrderDocumentView.Customer customer = (rs.getString("customer_id") != null)
				? new OrderDocumentView.Customer(rs.getString("customer_id"), rs.getString("customer_email")) : null;
		OrderDocumentView.Totals totals = (currency != null)
				? new OrderDocumentView.Totals(money(rs, "subtotal_amount", currency),
						money(rs, "tax_amount", currency), money(rs, "total_amount", currency))
				: null;
		return new OrderDocumentView(rs.getObject("order_id", UUID.class), OrderStatus.valueOf(rs.getString("status")),
				customer, this.json.readValue(rs.getString("lines"), LINES), totals, instant(rs, "placed_at"),
				instant(rs, "cancelled_at"), rs.getString("cancel_reason"), rs.getLong("last_sequence"),
				instant(rs, "updated_at"));
	}

	/**
	 * Null for documents written before V2 added the column, until a rebuild fills it.
	 */
	private static OrderDocumentView.Money money(ResultSet rs, String column, String currency) throws SQLException {
		long amount = rs.getLong(column);
		return rs.wasNull() ? null : new OrderDocumentView.Money(amount, currency);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
