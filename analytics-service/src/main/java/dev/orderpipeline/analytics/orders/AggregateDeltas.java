package dev.orderpipeline.analytics.orders;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch adds to the aggregate tables, summed per key before it is written so
 * that every aggregate row is touched once per batch. The maps are sorted: concurrent
 * batches (one per partition, plus the retry topics) lock shared rows in the same order
 * and cannot deadlock each other.
 */
final class AggregateDeltas {

	private final Map<DailyKey, DailyDelta> daily = new TreeMap<>();

	private final Map<SkuKey, SkuDelta> skus = new TreeMap<>();

	/** Adds a newly known placement to its placement day. */
	void placed(OrderFact order) {
		DailyDelta day = daily(order.tenantId(), order.placedDay(), order.currency());
		day.ordersPlaced++;
		day.grossRevenue = Math.addExact(day.grossRevenue, order.total());
		for (OrderFact.Line line : order.lines()) {
			SkuDelta sku = sku(order.tenantId(), order.placedDay(), order.currency(), line.sku());
			sku.unitsSold += line.quantity();
			sku.grossRevenue = Math.addExact(sku.grossRevenue, line.lineTotal());
		}
	}

	/**
	 * Reverses a placed order once both its placement and its cancellation are known: on
	 * its placement day (net figures) and, as one cancellation, on its cancellation day.
	 */
	void cancelled(OrderFact order) {
		DailyDelta day = daily(order.tenantId(), order.placedDay(), order.currency());
		day.ordersCancelled++;
		day.cancelledRevenue = Math.addExact(day.cancelledRevenue, order.total());
		daily(order.tenantId(), order.cancelledDay(), order.currency()).cancellationsOnDay++;
		for (OrderFact.Line line : order.lines()) {
			SkuDelta sku = sku(order.tenantId(), order.placedDay(), order.currency(), line.sku());
			sku.unitsCancelled += line.quantity();
			sku.cancelledRevenue = Math.addExact(sku.cancelledRevenue, line.lineTotal());
		}
	}

	Map<DailyKey, DailyDelta> daily() {
		return this.daily;
	}

	Map<SkuKey, SkuDelta> skus() {
		return this.skus;
	}

	boolean isEmpty() {
		return this.daily.isEmpty();
	}

	private DailyDelta daily(String tenantId, LocalDate day, String currency) {
		return this.daily.computeIfAbsent(new DailyKey(tenantId, day, currency), (key) -> new DailyDelta());
	}

	private SkuDelta sku(String tenantId, LocalDate day, String currency, String sku) {
		return this.skus.computeIfAbsent(new SkuKey(tenantId, day, currency, sku), (key) -> new SkuDelta());
	}

	/** The primary key of {@code daily_order_totals}, in its column order. */
	record DailyKey(String tenantId, LocalDate day, String currency) implements Comparable<DailyKey> {

		private static final Comparator<DailyKey> ORDER = Comparator.comparing(DailyKey::tenantId)
			.thenComparing(DailyKey::day)
			.thenComparing(DailyKey::currency);

		@Override
		public int compareTo(DailyKey other) {
			return ORDER.compare(this, other);
		}

	}

	/** The primary key of {@code daily_sku_totals}, in its column order. */
	record SkuKey(String tenantId, LocalDate day, String currency, String sku) implements Comparable<SkuKey> {

		private static final Comparator<SkuKey> ORDER = Comparator.comparing(SkuKey::tenantId)
			.thenComparing(SkuKey::day)
			.thenComparing(SkuKey::currency)
			.thenComparing(SkuKey::sku);

		@Override
		public int compareTo(SkuKey other) {
			return ORDER.compare(this, other);
		}

	}

	static final class DailyDelta {

		long ordersPlaced;

		long grossRevenue;

		long ordersCancelled;

		long cancelledRevenue;

		long cancellationsOnDay;

	}

	static final class SkuDelta {

		long unitsSold;

		long grossRevenue;

		long unitsCancelled;

		long cancelledRevenue;

	}

}
