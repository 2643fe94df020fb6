package dev.orderpipeline.analytics.orders;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderDetails;
import dev.orderpipeline.events.facts.OrderPlaced;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-order ledger ({@code order_fact}): one row per order, written by placements and
 * cancellations in either order. Each write is one statement per batch whose
 * {@code returning} clause yields only the orders it changed, i.e. the facts that are
 * new: a placement already recorded, or a second cancellation, changes nothing and
 * returns nothing, so its contribution can never be added twice.
 */
@Component
class OrderLedger {

	private static final String RETURNED = """
			returning order_id, tenant_id, placed_day, currency, total_amount, line_skus, line_quantities, line_totals,
			    cancelled_day""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	OrderLedger(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Records placements not recorded before. The placement's tenant is the order's, also
	 * over a cancellation that arrived first.
	 * @param placements at most one per order
	 * @return the newly placed orders, with their cancellation day if the cancellation
	 * came first
	 */
	List<OrderFact> recordPlacements(Collection<OrderPlaced> placements) {
		if (placements.isEmpty()) {
			return List.of();
		}
		String rows = this.json.writeValueAsString(placements.stream().map(PlacementRow::of).toList());
		return this.jdbc.query("""
				insert into order_fact as f (order_id, tenant_id, placed_day, currency, total_amount, source_version,
				    line_skus, line_quantities, line_totals)
				select "orderId", "tenantId", "placedDay", currency, total, "sourceVersion", skus, quantities,
				    "lineTotals"
				from jsonb_to_recordset(?::jsonb) as p("orderId" uuid, "tenantId" text, "placedDay" date, currency text,
				    total bigint, "sourceVersion" int, skus text[], quantities int[], "lineTotals" bigint[])
				on conflict (order_id) do update set
				    tenant_id = excluded.tenant_id, placed_day = excluded.placed_day, currency = excluded.currency,
				    total_amount = excluded.total_amount, source_version = excluded.source_version,
				    line_skus = excluded.line_skus, line_quantities = excluded.line_quantities,
				    line_totals = excluded.line_totals, updated_at = now()
				where f.placed_day is null
				""" + RETURNED, OrderLedger::fact, rows);
	}

	/**
	 * Records cancellations not recorded before.
	 * @param cancellations at most one per order
	 * @return the newly cancelled orders, with their placement if it is known
	 */
	List<OrderFact> recordCancellations(Collection<OrderCancelled> cancellations) {
		if (cancellations.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query((connection) -> {
			// The tenant is only written with a new row (a cancellation before its
			// placement); the placement sets it for good.
			PreparedStatement statement = connection.prepareStatement("""
					insert into order_fact as f (order_id, tenant_id, cancelled_at, cancelled_day)
					select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::date[])
					on conflict (order_id) do update set
					    cancelled_at = excluded.cancelled_at, cancelled_day = excluded.cancelled_day,
					    updated_at = now()
					where f.cancelled_at is null
					""" + RETURNED);
			statement.setArray(1,
					connection.createArrayOf("uuid", cancellations.stream().map(OrderCancelled::orderId).toArray()));
			statement.setArray(2,
					connection.createArrayOf("text", cancellations.stream().map(OrderCancelled::tenantId).toArray()));
			statement.setArray(3, connection.createArrayOf("text",
					cancellations.stream().map((c) -> c.cancelledAt().toString()).toArray()));
			statement.setArray(4, connection.createArrayOf("text",
					cancellations.stream().map((c) -> utcDay(c.cancelledAt()).toString()).toArray()));
			return statement;
		}, OrderLedger::fact);
	}

	/** The analytics day of an instant: its UTC date. */
	static LocalDate utcDay(java.time.Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * A placement as one JSON object of the batch's {@code jsonb} parameter: one
	 * statement text whatever the batch size (prepared once), and the lines travel as
	 * arrays.
	 */
	private record PlacementRow(UUID orderId, String tenantId, LocalDate placedDay, String currency, long total,
			int sourceVersion, List<String> skus, List<Integer> quantities, List<Long> lineTotals) {

		static PlacementRow of(OrderPlaced placement) {
			List<OrderDetails.Line> lines = placement.lines();
			return new PlacementRow(placement.orderId(), placement.tenantId(), utcDay(placement.placedAt()),
					placement.currency(), placement.total().amount(), placement.sourceVersion(),
					lines.stream().map(OrderDetails.Line::sku).toList(),
					lines.stream().map(OrderDetails.Line::quantity).toList(),
					lines.stream().map((line) -> line.lineTotal().amount()).toList());
		}

	}

	private static OrderFact fact(ResultSet row, int rowNumber) throws SQLException {
		Date placedDay = row.getDate("placed_day");
		Date cancelledDay = row.getDate("cancelled_day");
		return new OrderFact(row.getObject("order_id", UUID.class), row.getString("tenant_id"),
				(placedDay != null) ? placedDay.toLocalDate() : null, row.getString("currency"),
				row.getLong("total_amount"), lines(row), (cancelledDay != null) ? cancelledDay.toLocalDate() : null);
	}

	private static List<OrderFact.Line> lines(ResultSet row) throws SQLException {
		Array skus = row.getArray("line_skus");
		if (skus == null) {
			return List.of();
		}
		String[] sku = (String[]) skus.getArray();
		Integer[] quantity = (Integer[]) row.getArray("line_quantities").getArray();
		Long[] lineTotal = (Long[]) row.getArray("line_totals").getArray();
		List<OrderFact.Line> lines = new ArrayList<>(sku.length);
		for (int i = 0; i < sku.length; i++) {
			lines.add(new OrderFact.Line(sku[i], quantity[i], lineTotal[i]));
		}
		return lines;
	}

}
