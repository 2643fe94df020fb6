package dev.orderpipeline.analytics.orders;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds a batch's deltas to {@code daily_order_totals} and {@code daily_sku_totals}, per
 * tenant (the tenant leads both primary keys): one
 * {@code insert ... select from unnest(...) on conflict do update set x = x + excluded.x}
 * per table, so the increments commute with those of concurrent batches.
 */
@Component
class AggregateTables {

	private final JdbcTemplate jdbc;

	AggregateTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void add(AggregateDeltas deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		var daily = deltas.daily().entrySet();
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement("""
					insert into daily_order_totals as t (tenant_id, day, currency, orders_placed, gross_revenue,
					    orders_cancelled, cancelled_revenue, cancellations_on_day)
					select * from unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
					    ?::bigint[], ?::bigint[])
					on conflict (tenant_id, day, currency) do update set
					    orders_placed = t.orders_placed + excluded.orders_placed,
					    gross_revenue = t.gross_revenue + excluded.gross_revenue,
					    orders_cancelled = t.orders_cancelled + excluded.orders_cancelled,
					    cancelled_revenue = t.cancelled_revenue + excluded.cancelled_revenue,
					    cancellations_on_day = t.cancellations_on_day + excluded.cancellations_on_day""");
			statement.setArray(1, connection.createArrayOf("text", column(daily, (e) -> e.getKey().tenantId())));
			statement.setArray(2, connection.createArrayOf("text", column(daily, (e) -> e.getKey().day().toString())));
			statement.setArray(3, connection.createArrayOf("text", column(daily, (e) -> e.getKey().currency())));
			statement.setArray(4, connection.createArrayOf("bigint", longs(daily, (e) -> e.getValue().ordersPlaced)));
			statement.setArray(5, connection.createArrayOf("bigint", longs(daily, (e) -> e.getValue().grossRevenue)));
			statement.setArray(6,
					connection.createArrayOf("bigint", longs(daily, (e) -> e.getValue().ordersCancelled)));
			statement.setArray(7,
					connection.createArrayOf("bigint", longs(daily, (e) -> e.getValue().cancelledRevenue)));
			statement.setArray(8,
					connection.createArrayOf("bigint", longs(daily, (e) -> e.getValue().cancellationsOnDay)));
			return statement;
		});
		var skus = deltas.skus().entrySet();
		if (skus.isEmpty()) {
			return;
		}
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement("""
					insert into daily_sku_totals as t (tenant_id, day, currency, sku, units_sold, gross_revenue,
					    units_cancelled, cancelled_revenue)
					select * from unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
					    ?::bigint[], ?::bigint[])
					on conflict (tenant_id, day, currency, sku) do update set
					    units_sold = t.units_sold + excluded.units_sold,
					    gross_revenue = t.gross_revenue + excluded.gross_revenue,
					    units_cancelled = t.units_cancelled + excluded.units_cancelled,
					    cancelled_revenue = t.cancelled_revenue + excluded.cancelled_revenue""");
			statement.setArray(1, connection.createArrayOf("text", column(skus, (e) -> e.getKey().tenantId())));
			statement.setArray(2, connection.createArrayOf("text", column(skus, (e) -> e.getKey().day().toString())));
			statement.setArray(3, connection.createArrayOf("text", column(skus, (e) -> e.getKey().currency())));
			statement.setArray(4, connection.createArrayOf("text", column(skus, (e) -> e.getKey().sku())));
			statement.setArray(5, connection.createArrayOf("bigint", longs(skus, (e) -> e.getValue().unitsSold)));
			statement.setArray(6, connection.createArrayOf("bigint", longs(skus, (e) -> e.getValue().grossRevenue)));
			statement.setArray(7, connection.createArrayOf("bigint", longs(skus, (e) -> e.getValue().unitsCancelled)));
			statement.setArray(8,
					connection.createArrayOf("bigint", longs(skus, (e) -> e.getValue().cancelledRevenue)));
			return statement;
		});
	}

	private static <T> Object[] column(Collection<T> rows, Function<T, Object> value) {
		return rows.stream().map(value).toArray();
	}

	private static <T> Object[] longs(Collection<T> rows, ToLongFunction<T> value) {
		return rows.stream().map((row) -> (Object) value.applyAsLong(row)).toArray();
	}

}
