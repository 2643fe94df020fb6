package dev.orderpipeline.analytics.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import dev.orderpipeline.events.Money;

/** The response bodies of the analytics endpoints. Amounts are integer minor units. */
final class Figures {

	private Figures() {
	}

	/**
	 * Cancelled orders over placed orders, to four decimals; null when nothing was
	 * placed.
	 */
	static BigDecimal cancellationRate(long placed, long cancelled) {
		return (placed == 0) ? null
				: BigDecimal.valueOf(cancelled).divide(BigDecimal.valueOf(placed), 4, RoundingMode.HALF_EVEN);
	}

	/**
	 * One UTC day and currency. Every figure but {@code cancellationsOnDay} is about the
	 * orders placed that day; {@code cancellationsOnDay} counts the orders cancelled that
	 * day, whatever their placement day.
	 */
	record Daily(LocalDate day, String currency, long ordersPlaced, long ordersCancelled, long netOrders,
			Money grossRevenue, Money cancelledRevenue, Money netRevenue, BigDecimal cancellationRate,
			long cancellationsOnDay) {

	}

	/** One SKU in one currency over a range of placement days, net of cancellations. */
	record Sku(String sku, String currency, long unitsSold, long unitsCancelled, long netUnits, Money grossRevenue,
			Money cancelledRevenue, Money netRevenue) {

	}

	/** Totals of one currency over a range of placement days. */
	record CurrencyTotals(String currency, long ordersPlaced, long ordersCancelled, long netOrders, Money grossRevenue,
			Money cancelledRevenue, Money netRevenue, BigDecimal cancellationRate, long cancellationsInRange) {

	}

	/**
	 * Totals over a range: order counts across currencies, money per currency (amounts of
	 * different currencies are never added).
	 */
	record Summary(LocalDate from, LocalDate to, long ordersPlaced, long ordersCancelled, long netOrders,
			BigDecimal cancellationRate, long cancellationsInRange, List<CurrencyTotals> currencies) {

	}

}
