package dev.orderpipeline.analytics.orders;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-order ledger ({@code order_fact}): one row per order, written by placements and
 * cancellations in either order. Each write is one multi-row statement per batch whose
 * {@code returning} clause yields only the orders it changed, i.e. the facts that are
 * new: a placement already recorded, or a second cancellation, changes nothing and
 * returns nothing, so its contribution can never be added twice.
 */
@Component
class OrderLedger {

	private static final String RETURNED = """
			returning order_id, placed_day, currency, total_amount, line_skus, line_quantities, line_totals,
			    cancelled_day""";

	private final JdbcTemplate jdbc;

	OrderLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records placements not recorded before.
	 * @param placements at most one per order
	 * @return the newly placed orders, with their cancellation day if the cancellation
	 * came first
	 */
	List<OrderFact> recordPlacements(Collection<OrderPlacement> placements) {
		if (placements.isEmpty()) {
			return List.of();
		}
		String sql = """
				insert into order_fact as f (order_id, placed_day, currency, total_amount, source_version,
				    line_skus, line_quantities, line_totals)
				values %s
				on conflict (order_id) do update set
				    placed_day = excluded.placed_day, currency = excluded.currency,
				    total_amount = excluded.total_amount, source_version = excluded.source_version,
				    line_skus = excluded.line_skus, line_quantities = excluded.line_quantities,
				    line_totals = excluded.line_totals, updated_at = now()
				where f.placed_day is null
				""".formatted(rows(placements.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")) + RETURNED;
		return this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			int index = 1;
			for (OrderPlacement placement : placements) {
				List<OrderPlacement.Line> lines = placement.lines();
				statement.setObject(index++, placement.orderId());
				statement.setDate(index++, Date.valueOf(utcDay(placement.placedAt())));
				statement.setString(index++, placement.currency());
				statement.setLong(index++, placement.total().amount());
				statement.setInt(index++, placement.sourceVersion());
				statement.setArray(index++,
						connection.createArrayOf("text", lines.stream().map(OrderPlacement.Line::sku).toArray()));
				statement.setArray(index++, connection.createArrayOf("integer",
						lines.stream().map(OrderPlacement.Line::quantity).toArray()));
				statement.setArray(index++, connection.createArrayOf("bigint",
						lines.stream().map((line) -> line.lineTotal().amount()).toArray()));
			}
			return statement;
		}, OrderLedger::fact);
	}

	/**
	 * Records cancellations not recorded before.
	 * @param cancellations at most one per order
	 * @return the newly cancelled orders, with their placement if it is known
	 */
	List<OrderFact> recordCancellations(Collection<OrderCancelledV1> cancellations) {
		if (cancellations.isEmpty()) {
			return List.of();
		}
		String sql = """
				insert into order_fact as f (order_id, cancelled_at, cancelled_day)
				values %s
				on conflict (order_id) do update set
				    cancelled_at = excluded.cancelled_at, cancelled_day = excluded.cancelled_day, updated_at = now()
				where f.cancelled_at is null
				""".formatted(rows(cancellations.size(), "(?, ?, ?)")) + RETURNED;
		return this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			int index = 1;
			for (OrderCancelledV1 cancellation : cancellations) {
				statement.setObject(index++, cancellation.orderId());
				statement.setTimestamp(index++, Timestamp.from(cancellation.cancelledAt()));
				statement.setDate(index++, Date.valueOf(utcDay(cancellation.cancelledAt())));
			}
			return statement;
		}, OrderLedger::fact);
	}

	/** The analytics day of an instant: its UTC date. */
	static LocalDate utcDay(java.time.Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	private static String rows(int count, String row) {
		return String.join(",\n", Collections.nCopies(count, row));
	}

	private static OrderFact fact(ResultSet row, int rowNumber) throws SQLException {
		Date placedDay = row.getDate("placed_day");
		Date cancelledDay = row.getDate("cancelled_day");
		return new OrderFact(row.getObject("order_id", UUID.class),
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
