package dev.orderpipeline.search.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderDetails;
import dev.orderpipeline.events.facts.OrderFact;
import dev.orderpipeline.events.facts.OrderPlaced;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes order events into an order document table: the one code path for the live
 * consumer and for a rebuild.
 * <p>
 * The result is a function of the <em>set</em> of events applied, not of their order or
 * multiplicity: the status follows the event with the highest sequence (a placement that
 * arrives after its cancellation fills in the order's details but never makes it placed
 * again), and every other column comes from the one event that carries it. That is what
 * makes repeated delivery harmless and a rebuild equal to incremental processing. The
 * document's tenant is its events' ({@code default} for events from before tenancy), so a
 * rebuild keeps every document in its tenant.
 */
@Component
public class OrderDocumentWriter {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	OrderDocumentWriter(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Applies facts in the caller's transaction, one batched statement per kind of fact.
	 * @param table the table to write
	 * @param facts the facts, in partition order
	 * @return how many facts were written
	 */
	public int apply(DocumentTable table, List<? extends OrderFact> facts) {
		List<OrderPlaced> placements = facts.stream()
			.filter(OrderPlaced.class::isInstance)
			.map(OrderPlaced.class::cast)
			.toList();
		List<OrderCancelled> cancellations = facts.stream()
			.filter(OrderCancelled.class::isInstance)
			.map(OrderCancelled.class::cast)
			.toList();
		if (!placements.isEmpty()) {
			upsertPlacements(table, placements);
		}
		if (!cancellations.isEmpty()) {
			upsertCancellations(table, cancellations);
		}
		return placements.size() + cancellations.size();
	}

	private void upsertPlacements(DocumentTable table, List<OrderPlaced> placements) {
		this.jdbc.batchUpdate(
				"""
						insert into %s as d (order_id, status, customer_id, customer_email, currency, subtotal_amount,
						    tax_amount, total_amount, sku_words, product_names, skus, lines, placed_at, last_sequence, tenant_id)
						values (?, 'PLACED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
						on conflict (order_id) do update set
						    status = case when d.last_sequence < excluded.last_sequence then excluded.status else d.status end,
						    tenant_id = excluded.tenant_id,
						    customer_id = excluded.customer_id,
						    customer_email = excluded.customer_email,
						    currency = excluded.currency,
						    subtotal_amount = excluded.subtotal_amount,
						    tax_amount = excluded.tax_amount,
						    total_amount = excluded.total_amount,
						    sku_words = excluded.sku_words,
						    product_names = excluded.product_names,
						    skus = excluded.skus,
						    lines = excluded.lines,
						    placed_at = excluded.placed_at,
						    last_sequence = greatest(d.last_sequence, excluded.last_sequence),
						    updated_at = now()"""
					.formatted(table.name()),
				placements, placements.size(), (statement, placement) -> {
					List<String> skus = placement.lines().stream().map(OrderDetails.Line::sku).toList();
					statement.setObject(1, placement.orderId());
					statement.setString(2, placement.customerId());
					statement.setString(3, placement.customerEmail());
					statement.setString(4, placement.currency());
					statement.setLong(5, placement.subtotal().amount());
					statement.setLong(6, placement.tax().amount());
					statement.setLong(7, placement.total().amount());
					statement.setString(8, String.join(" ", skus));
					statement.setString(9,
							String.join(" ", placement.lines().stream().map(OrderDetails.Line::productName).toList()));
					statement.setArray(10, textArray(statement, skus));
					statement.setString(11, linesJson(placement));
					statement.setTimestamp(12, Timestamp.from(placement.placedAt()));
					statement.setLong(13, placement.sequence());
					statement.setString(14, placement.tenantId());
				});
	}

	/**
	 * The tenant is written only with a new document (a cancellation before its
	 * placement); the placement sets it for good, so the arrival order does not matter.
	 */
	private void upsertCancellations(DocumentTable table, List<OrderCancelled> cancellations) {
		this.jdbc.batchUpdate("""
				insert into %s as d (order_id, status, cancelled_at, cancel_reason, last_sequence, tenant_id)
				values (?, 'CANCELLED', ?, ?, ?, ?)
				on conflict (order_id) do update set
				    status = case when d.last_sequence < excluded.last_sequence then excluded.status else d.status end,
				    cancelled_at = excluded.cancelled_at,
				    cancel_reason = excluded.cancel_reason,
				    last_sequence = greatest(d.last_sequence, excluded.last_sequence),
				    updated_at = now()""".formatted(table.name()), cancellations, cancellations.size(),
				(statement, cancelled) -> {
					statement.setObject(1, cancelled.orderId());
					statement.setTimestamp(2, Timestamp.from(cancelled.cancelledAt()));
					statement.setString(3, cancelled.reason());
					statement.setLong(4, cancelled.sequence());
					statement.setString(5, cancelled.tenantId());
				});
	}

	private String linesJson(OrderPlaced placement) {
		return this.json.writeValueAsString(placement.lines()
			.stream()
			.map((line) -> Map.of("sku", line.sku(), "productName", line.productName(), "quantity", line.quantity(),
					"unitPrice", money(line.unitPrice()), "lineTotal", money(line.lineTotal())))
			.toList());
	}

	private static Map<String, Object> money(Money money) {
		return Map.of("amount", money.amount(), "currency", money.currency());
	}

	private static java.sql.Array textArray(PreparedStatement statement, List<String> values) throws SQLException {
		Connection connection = statement.getConnection();
		return connection.createArrayOf("text", values.toArray(String[]::new));
	}

}
