package dev.orderpipeline.analytics.reports;

import java.util.List;

import dev.orderpipeline.events.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the aggregate tables, always within one tenant. Each query is a range scan of the
 * tables' primary keys (which lead with the tenant, then the day), so its cost grows with
 * the days and SKUs in the range, not with the number of orders, and no other tenant's
 * row is ever read.
 */
@Component
class AnalyticsReports {

	private final JdbcClient jdbc;

	AnalyticsReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every report filters on the caller's tenant, the same day range and optional
	 * currency.
	 */
	private JdbcClient.StatementSpec inRange(String tenantId, ReportQuery query, String sql) {
		return this.jdbc.sql(sql)
			.param("tenant", tenantId)
			.param("from", query.from())
			.param("to", query.to())
			.param("currency", query.currency());
	}

	List<Figures.Daily> daily(String tenantId, ReportQuery query) {
		return inRange(tenantId, query,
				"""
						select day, currency, orders_placed, orders_cancelled, gross_revenue, cancelled_revenue,
						    cancellations_on_day
						from daily_order_totals
						where tenant_id = :tenant and day between :from and :to and (cast(:currency as text) is null or currency = :currency)
						order by day, currency""")
			.query((row, n) -> {
				String currency = row.getString("currency");
				long placed = row.getLong("orders_placed");
				long cancelled = row.getLong("orders_cancelled");
				long gross = row.getLong("gross_revenue");
				long cancelledRevenue = row.getLong("cancelled_revenue");
				return new Figures.Daily(row.getObject("day", java.time.LocalDate.class), currency, placed, cancelled,
						placed - cancelled, Money.of(gross, currency), Money.of(cancelledRevenue, currency),
						Money.of(gross - cancelledRevenue, currency), Figures.cancellationRate(placed, cancelled),
						row.getLong("cancellations_on_day"));
			})
			.list();
	}

	List<Figures.Sku> topSkus(String tenantId, ReportQuery query, int limit) {
		return inRange(tenantId, query,
				"""
						select sku, currency, sum(units_sold) as units_sold, sum(units_cancelled) as units_cancelled,
						    sum(gross_revenue) as gross_revenue, sum(cancelled_revenue) as cancelled_revenue
						from daily_sku_totals
						where tenant_id = :tenant and day between :from and :to and (cast(:currency as text) is null or currency = :currency)
						group by sku, currency
						order by sum(gross_revenue) - sum(cancelled_revenue) desc, sku, currency
						limit :limit""")
			.param("limit", limit)
			.query((row, n) -> {
				String currency = row.getString("currency");
				long sold = row.getLong("units_sold");
				long cancelled = row.getLong("units_cancelled");
				long gross = row.getLong("gross_revenue");
				long cancelledRevenue = row.getLong("cancelled_revenue");
				return new Figures.Sku(row.getString("sku"), currency, sold, cancelled, sold - cancelled,
						Money.of(gross, currency), Money.of(cancelledRevenue, currency),
						Money.of(gross - cancelledRevenue, currency));
			})
			.list();
	}

	Figures.Summary summary(String tenantId, ReportQuery query) {
		List<Figures.CurrencyTotals> currencies = inRange(tenantId, query,
				"""
						select currency, sum(orders_placed) as orders_placed, sum(orders_cancelled) as orders_cancelled,
						    sum(gross_revenue) as gross_revenue, sum(cancelled_revenue) as cancelled_revenue,
						    sum(cancellations_on_day) as cancellations_on_day
						from daily_order_totals
						where tenant_id = :tenant and day between :from and :to and (cast(:currency as text) is null or currency = :currency)
						group by currency
						order by currency""")
			.query((row, n) -> {
				String currency = row.getString("currency");
				long placed = row.getLong("orders_placed");
				long cancelled = row.getLong("orders_cancelled");
				long gross = row.getLong("gross_revenue");
				long cancelledRevenue = row.getLong("cancelled_revenue");
				return new Figures.CurrencyTotals(currency, placed, cancelled, placed - cancelled,
						Money.of(gross, currency), Money.of(cancelledRevenue, currency),
						Money.of(gross - cancelledRevenue, currency), Figures.cancellationRate(placed, cancelled),
						row.getLong("cancellations_on_day"));
			})
			.list();
		long placed = currencies.stream().mapToLong(Figures.CurrencyTotals::ordersPlaced).sum();
		long cancelled = currencies.stream().mapToLong(Figures.CurrencyTotals::ordersCancelled).sum();
		long cancellationsInRange = currencies.stream().mapToLong(Figures.CurrencyTotals::cancellationsInRange).sum();
		return new Figures.Summary(query.from(), query.to(), placed, cancelled, placed - cancelled,
				Figures.cancellationRate(placed, cancelled), cancellationsInRange, currencies);
	}

}
