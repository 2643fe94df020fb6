package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Reads the truth from order-service's database: orders with their lines, the outbox and
 * stock, in one read-only repeatable-read transaction so they agree with each other.
 */
final class OrdersDatabase {

	private static final String ORDERS = """
			select o.id, o.tenant_id, o.customer_id, o.customer_email, o.status, o.currency, o.subtotal_minor,
			       o.tax_minor, o.total_minor, o.created_at, o.cancelled_at, o.event_sequence,
			       l.sku, l.product_name, l.quantity, l.unit_price_minor, l.line_total_minor
			from orders o join order_line l on l.order_id = o.id
			""";

	private static final String STOCK = """
			select coalesce(s.sku, p.sku), coalesce(s.on_hand, 0), coalesce(s.reserved, 0), coalesce(p.quantity, 0)
			from stock s
			full join (select l.sku, sum(l.quantity) as quantity
			           from order_line l join orders o on o.id = l.order_id
			           where o.status = 'PLACED' group by l.sku) p on p.sku = s.sku
			order by 1""";

	private final DataSource dataSource;

	OrdersDatabase(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	OrdersSnapshot read(CheckWindow window, List<OrderTruth> declared) {
		try (Connection connection = Snapshots.open(this.dataSource)) {
			Instant readAt = Instant.now();
			List<OrderTruth> dayOrders = dayOrders(connection, window);
			dayOrders.addAll(declared.stream().filter((order) -> touchesDays(order, window)).toList());
			Map<UUID, OrderTruth> covered = new LinkedHashMap<>();
			dayOrders.stream()
				.filter((order) -> window.contains(order.placedAt()))
				.forEach((order) -> covered.put(order.orderId(), order));
			OrdersSnapshot snapshot = new OrdersSnapshot(covered, dayOrders, outbox(connection), stock(connection),
					readAt);
			connection.commit();
			return snapshot;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the orders database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The latest event sequence of some orders now, for orders that moved during a check.
	 */
	Map<UUID, Long> currentSequences(List<UUID> orderIds) {
		Map<UUID, Long> sequences = new HashMap<>();
		if (orderIds.isEmpty()) {
			return sequences;
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("select id, event_sequence from orders where id = any(?)")) {
			statement.setArray(1, connection.createArrayOf("uuid", orderIds.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					sequences.put(rows.getObject(1, UUID.class), rows.getLong(2));
				}
			}
			return sequences;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the orders database: " + ex.getMessage(), ex);
		}
	}

	private static boolean touchesDays(OrderTruth order, CheckWindow window) {
		return window.isEverything() || inDays(order.placedAt(), window) || inDays(order.cancelledAt(), window);
	}

	private static boolean inDays(Instant instant, CheckWindow window) {
		return instant != null && !instant.isBefore(window.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant())
				&& instant.isBefore(window.endDay().atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	private static List<OrderTruth> dayOrders(Connection connection, CheckWindow window) throws SQLException {
		String sql = ORDERS + (window.isEverything() ? ""
				: "where (o.created_at >= ? and o.created_at < ?) or (o.cancelled_at >= ? and o.cancelled_at < ?)\n")
				+ "order by o.id, l.line_no";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!window.isEverything()) {
				Timestamp start = Timestamp.from(window.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant());
				Timestamp end = Timestamp.from(window.endDay().atStartOfDay(ZoneOffset.UTC).toInstant());
				statement.setTimestamp(1, start);
				statement.setTimestamp(2, end);
				statement.setTimestamp(3, start);
				statement.setTimestamp(4, end);
			}
			statement.setFetchSize(5000);
			return orders(statement);
		}
	}

	private static List<OrderTruth> orders(PreparedStatement statement) throws SQLException {
		List<OrderTruth> orders = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery()) {
			UUID current = null;
			List<OrderTruth.Line> lines = new ArrayList<>();
			OrderTruth header = null;
			while (rows.next()) {
				UUID id = rows.getObject("id", UUID.class);
				if (!id.equals(current)) {
					if (header != null) {
						orders.add(withLines(header, lines));
					}
					current = id;
					lines = new ArrayList<>();
					header = header(rows, id);
				}
				lines.add(new OrderTruth.Line(rows.getString("sku"), rows.getString("product_name"),
						rows.getInt("quantity"), rows.getLong("unit_price_minor"), rows.getLong("line_total_minor")));
			}
			if (header != null) {
				orders.add(withLines(header, lines));
			}
		}
		return orders;
	}

	private static OrderTruth header(ResultSet rows, UUID id) throws SQLException {
		Timestamp cancelledAt = rows.getTimestamp("cancelled_at");
		return new OrderTruth(id, rows.getString("tenant_id"), rows.getString("customer_id"),
				rows.getString("customer_email"), "CANCELLED".equals(rows.getString("status")),
				rows.getString("currency").trim(), rows.getLong("subtotal_minor"), rows.getLong("tax_minor"),
				rows.getLong("total_minor"), rows.getTimestamp("created_at").toInstant(),
				(cancelledAt != null) ? cancelledAt.toInstant() : null, rows.getLong("event_sequence"), List.of(),
				true);
	}

	private static OrderTruth withLines(OrderTruth order, List<OrderTruth.Line> lines) {
		return new OrderTruth(order.orderId(), order.tenantId(), order.customerId(), order.customerEmail(),
				order.cancelled(), order.currency(), order.subtotal(), order.tax(), order.total(), order.placedAt(),
				order.cancelledAt(), order.eventSequence(), lines, true);
	}

	private static Map<UUID, List<OrdersSnapshot.OutboxRow>> outbox(Connection connection) throws SQLException {
		Map<UUID, List<OrdersSnapshot.OutboxRow>> rows = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"select order_id, event_id, sequence, event_type, parked_at, last_error from outbox_event");
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				Timestamp parkedAt = result.getTimestamp("parked_at");
				rows.computeIfAbsent(result.getObject("order_id", UUID.class), (id) -> new ArrayList<>())
					.add(new OrdersSnapshot.OutboxRow(result.getString("event_id"), result.getLong("sequence"),
							result.getString("event_type"), (parkedAt != null) ? parkedAt.toInstant() : null,
							result.getString("last_error")));
			}
		}
		return rows;
	}

	private static List<OrdersSnapshot.StockRow> stock(Connection connection) throws SQLException {
		List<OrdersSnapshot.StockRow> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(STOCK);
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				rows.add(new OrdersSnapshot.StockRow(result.getString(1), result.getLong(2), result.getLong(3),
						result.getLong(4)));
			}
		}
		return rows;
	}

}
