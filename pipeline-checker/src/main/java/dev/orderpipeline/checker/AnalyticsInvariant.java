package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Analytics totals equal the sums computed from the orders database, per tenant, UTC day
 * and currency ({@code daily_order_totals}) and per tenant, day, currency and SKU
 * ({@code daily_sku_totals}), for every day the window touches. A key one of whose orders
 * is not settled for the group is not compared.
 */
final class AnalyticsInvariant {

	private static final String DAILY = """
			select tenant_id, day, currency, orders_placed, gross_revenue, orders_cancelled, cancelled_revenue,
			       cancellations_on_day
			from daily_order_totals""";

	private static final String SKUS = """
			select tenant_id, day, currency, sku, units_sold, gross_revenue, units_cancelled, cancelled_revenue
			from daily_sku_totals""";

	private AnalyticsInvariant() {
	}

	static String name(String group) {
		return group + ": totals equal the orders'";
	}

	/**
	 * The figures: key {@code daily tenant day currency} or
	 * {@code sku tenant day currency
	 * sku} to its values, in column order.
	 */
	static Map<String, long[]> read(Connection connection, ReadScope scope) throws SQLException {
		Map<String, long[]> figures = new TreeMap<>();
		read(connection, scope, DAILY, 5, false, figures);
		read(connection, scope, SKUS, 4, true, figures);
		return figures;
	}

	private static void read(Connection connection, ReadScope scope, String sql, int values, boolean perSku,
			Map<String, long[]> figures) throws SQLException {
		boolean everything = scope.window().isEverything();
		try (PreparedStatement statement = connection
			.prepareStatement(everything ? sql : sql + " where day >= ? and day < ?")) {
			if (!everything) {
				statement.setDate(1, Date.valueOf(scope.window().firstDay()));
				statement.setDate(2, Date.valueOf(scope.window().endDay()));
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String key = (perSku ? "sku " : "daily ") + rows.getString("tenant_id") + " "
							+ rows.getDate("day").toLocalDate() + " " + rows.getString("currency")
							+ (perSku ? " " + rows.getString("sku") : "");
					long[] row = new long[values];
					int first = perSku ? 5 : 4;
					for (int i = 0; i < values; i++) {
						row[i] = rows.getLong(first + i);
					}
					figures.put(key, row);
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	static InvariantReport check(EffectContext context) {
		Tally tally = new Tally(name(context.group()), "daily_order_totals (orders placed, gross revenue, orders"
				+ " cancelled, cancelled revenue, cancellations on the day) and daily_sku_totals (units sold, gross"
				+ " revenue, units cancelled, cancelled revenue) equal the orders' sums.", context.listLimit());
		Map<String, long[]> expected = new TreeMap<>();
		Set<String> unsettledKeys = new HashSet<>();
		for (OrderTruth order : context.truth().analyticsOrders()) {
			add(order, expected);
			if (context.isUnsettled(order)) {
				unsettledKeys.addAll(keysOf(order));
			}
		}
		Map<String, long[]> actual = (Map<String, long[]>) context.store().effects();
		Set<String> keys = new TreeSet<>(actual.keySet());
		for (String key : expected.keySet()) {
			if (isInDays(key, context.window())) {
				keys.add(key);
			}
		}
		for (String key : keys) {
			if (unsettledKeys.contains(key)) {
				tally.pending();
				continue;
			}
			long[] want = expected.getOrDefault(key, new long[key.startsWith("sku") ? 4 : 5]);
			long[] have = actual.getOrDefault(key, new long[want.length]);
			tally.check(Arrays.equals(want, have), key,
					"is " + Arrays.toString(have) + ", the orders' sums are " + Arrays.toString(want));
		}
		return tally.report();
	}

	private static void add(OrderTruth order, Map<String, long[]> figures) {
		String placed = order.tenantId() + " " + order.placedDay() + " " + order.currency();
		long[] day = figures.computeIfAbsent("daily " + placed, (key) -> new long[5]);
		day[0]++;
		day[1] += order.total();
		if (order.cancelled()) {
			day[2]++;
			day[3] += order.total();
			figures.computeIfAbsent("daily " + order.tenantId() + " " + order.cancelledDay() + " " + order.currency(),
					(key) -> new long[5])[4]++;
		}
		for (OrderTruth.Line line : order.lines()) {
			long[] sku = figures.computeIfAbsent("sku " + placed + " " + line.sku(), (key) -> new long[4]);
			sku[0] += line.quantity();
			sku[1] += line.lineTotal();
			if (order.cancelled()) {
				sku[2] += line.quantity();
				sku[3] += line.lineTotal();
			}
		}
	}

	private static Set<String> keysOf(OrderTruth order) {
		Set<String> keys = new HashSet<>();
		String placed = order.tenantId() + " " + order.placedDay() + " " + order.currency();
		keys.add("daily " + placed);
		if (order.cancelled()) {
			keys.add("daily " + order.tenantId() + " " + order.cancelledDay() + " " + order.currency());
		}
		order.lines().forEach((line) -> keys.add("sku " + placed + " " + line.sku()));
		return keys;
	}

	private static boolean isInDays(String key, CheckWindow window) {
		if (window.isEverything()) {
			return true;
		}
		LocalDate day = LocalDate.parse(key.split(" ")[2]);
		return !day.isBefore(window.firstDay()) && day.isBefore(window.endDay());
	}

}
