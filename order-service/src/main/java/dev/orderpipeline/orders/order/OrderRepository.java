package dev.orderpipeline.orders.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.orders.money.Money;
import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderLine;
import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.OrderStatus;
import dev.orderpipeline.orders.order.domain.TaxRate;

import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders and their lines in plain JDBC: one insert for the order, one batch for its
 * lines, and reads that load lines for many orders in one query.
 */
@Repository
public class OrderRepository {

	private static final String ORDER_COLUMNS = "o.id, o.tenant_id, o.customer_id, o.customer_email, o.status, o.currency, "
			+ "o.subtotal_minor, o.tax_minor, o.total_minor, o.tax_rate_bp, o.created_at, o.cancelled_at, o.cancel_reason";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	OrderRepository(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	public void insert(Order order) {
		this.jdbc.sql("""
				insert into orders (id, tenant_id, customer_id, customer_email, status, currency, subtotal_minor,
				                    tax_minor, total_minor, tax_rate_bp, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(order.id(), order.tenantId(), order.customerId(), order.customerEmail(), order.status().name(),
					order.currency().getCurrencyCode(), order.subtotal().amount(), order.tax().amount(),
					order.total().amount(), order.taxRate().basisPoints(), utc(order.createdAt()))
			.update();
		this.jdbcTemplate.batchUpdate("""
				insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price_minor,
				                        line_total_minor)
				values (?, ?, ?, ?, ?, ?, ?)""", order.lines(), order.lines().size(), (ps, line) -> {
			ps.setObject(1, order.id());
			ps.setInt(2, line.lineNumber());
			ps.setString(3, line.sku());
			ps.setString(4, line.productName());
			ps.setInt(5, line.quantity());
			ps.setLong(6, line.unitPrice().amount());
			ps.setLong(7, line.lineTotal().amount());
		});
	}

	/**
	 * An order of this owner; another customer's or another tenant's order is not found,
	 * exactly like one that does not exist.
	 */
	public Optional<Order> findOwned(UUID id, OrderOwner owner) {
		return this.jdbc
			.sql("select " + ORDER_COLUMNS + " from orders o where o.id = ? and o.tenant_id = ? and o.customer_id = ?")
			.params(id, owner.tenantId(), owner.customerId())
			.query(OrderRow::of)
			.optional()
			.map((row) -> row.toOrder(linesOf(List.of(row)).getOrDefault(id, List.of())));
	}

	/**
	 * Loads an order of this owner and locks its row until the transaction ends, so
	 * concurrent changes of one order are applied one after the other. Someone else's
	 * order is neither found nor locked.
	 */
	public Optional<Order> findOwnedForUpdate(UUID id, OrderOwner owner) {
		return this.jdbc
			.sql("select " + ORDER_COLUMNS
					+ " from orders o where o.id = ? and o.tenant_id = ? and o.customer_id = ? for update")
			.params(id, owner.tenantId(), owner.customerId())
			.query(OrderRow::of)
			.optional()
			.map((row) -> row.toOrder(linesOf(List.of(row)).getOrDefault(id, List.of())));
	}

	/** A page of one owner's orders, newest first. */
	public List<Order> findByOwner(OrderOwner owner, OrderStatus status, int offset, int limit) {
		List<OrderRow> rows = this.jdbc.sql("select " + ORDER_COLUMNS + """
				 from orders o
				where o.tenant_id = :tenantId and o.customer_id = :customerId
				  and (cast(:status as varchar) is null or o.status = :status)
				order by o.created_at desc, o.id desc
				limit :limit offset :offset""")
			.param("tenantId", owner.tenantId())
			.param("customerId", owner.customerId())
			.param("status", (status != null) ? status.name() : null)
			.param("limit", limit)
			.param("offset", offset)
			.query(OrderRow::of)
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<OrderLine>> lines = linesOf(rows);
		return rows.stream().map((row) -> row.toOrder(lines.getOrDefault(row.id(), List.of()))).toList();
	}

	public void updateStatus(Order order, OrderStatus expectedCurrent) {
		int updated = this.jdbc
			.sql("update orders set status = ?, cancelled_at = ?, cancel_reason = ? where id = ? and status = ?")
			.params(order.status().name(), utc(order.cancelledAt()), order.cancelReason(), order.id(),
					expectedCurrent.name())
			.update();
		if (updated != 1) {
			// The row lock taken by findByIdForUpdate makes this unreachable; failing
			// loudly
			// beats releasing stock for an order that did not change.
			throw new IncorrectUpdateSemanticsDataAccessException(
					"Order " + order.id() + " was not in status " + expectedCurrent);
		}
	}

	/**
	 * Advances the order's event sequence and returns the new value. Call with the order
	 * row locked (see {@link #findOwnedForUpdate}), so concurrent events of one order get
	 * distinct, increasing sequences.
	 */
	public long nextEventSequence(UUID orderId) {
		return this.jdbc
			.sql("update orders set event_sequence = event_sequence + 1 where id = ? returning event_sequence")
			.param(orderId)
			.query(Long.class)
			.single();
	}

	// One query for the lines of all given orders: no N+1 when listing.
	private Map<UUID, List<OrderLine>> linesOf(List<OrderRow> orders) {
		Map<UUID, Currency> currencies = new HashMap<>();
		orders.forEach((order) -> currencies.put(order.id(), order.currency()));
		Map<UUID, List<OrderLine>> lines = new HashMap<>();
		this.jdbc.sql("""
				select order_id, line_no, sku, product_name, quantity, unit_price_minor, line_total_minor
				  from order_line
				 where order_id = any(?)
				 order by order_id, line_no""").param(currencies.keySet().toArray(UUID[]::new)).query((rs) -> {
			UUID orderId = rs.getObject("order_id", UUID.class);
			Currency currency = currencies.get(orderId);
			lines.computeIfAbsent(orderId, (id) -> new ArrayList<>())
				.add(new OrderLine(rs.getInt("line_no"), rs.getString("sku"), rs.getString("product_name"),
						rs.getInt("quantity"), new Money(rs.getLong("unit_price_minor"), currency),
						new Money(rs.getLong("line_total_minor"), currency)));
		});
		return lines;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private record OrderRow(UUID id, String tenantId, String customerId, String customerEmail, OrderStatus status,
			Currency currency, long subtotal, long tax, long total, int taxRateBasisPoints, Instant createdAt,
			Instant cancelledAt, String cancelReason) {

		static OrderRow of(ResultSet rs, int rowNum) throws SQLException {
			OffsetDateTime cancelledAt = rs.getObject("cancelled_at", OffsetDateTime.class);
			return new OrderRow(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("customer_id"),
					rs.getString("customer_email"), OrderStatus.valueOf(rs.getString("status")),
					Currency.getInstance(rs.getString("currency")), rs.getLong("subtotal_minor"),
					rs.getLong("tax_minor"), rs.getLong("total_minor"), rs.getInt("tax_rate_bp"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					(cancelledAt != null) ? cancelledAt.toInstant() : null, rs.getString("cancel_reason"));
		}

		Order toOrder(List<OrderLine> lines) {
			return Order.restore(this.id, this.tenantId, this.customerId, this.customerEmail, this.currency, lines,
					new Money(this.subtotal, this.currency), new TaxRate(this.taxRateBasisPoints),
					new Money(this.tax, this.currency), new Money(this.total, this.currency), this.createdAt,
					this.status, this.cancelledAt, this.cancelReason);
		}

	}

}
