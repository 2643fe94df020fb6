package dev.orderpipeline.analytics.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateDeltasTests {

	private static final LocalDate PLACED = LocalDate.parse("2026-11-01");

	private static final LocalDate CANCELLED = LocalDate.parse("2026-11-03");

	private static final OrderFact ORDER = new OrderFact(UUID.randomUUID(), "acme", PLACED, "EUR", 700,
			List.of(new OrderFact.Line("PEN", 2, 300), new OrderFact.Line("INK", 1, 400)), CANCELLED);

	@Test
	void aCancellationReversesItsOrderOnThePlacementDayAndCountsOnTheCancellationDay() {
		AggregateDeltas deltas = new AggregateDeltas();
		deltas.placed(ORDER);
		deltas.cancelled(ORDER);

		var placementDay = deltas.daily().get(new AggregateDeltas.DailyKey("acme", PLACED, "EUR"));
		assertThat(placementDay.ordersPlaced).isEqualTo(1);
		assertThat(placementDay.grossRevenue).isEqualTo(700);
		assertThat(placementDay.ordersCancelled).isEqualTo(1);
		assertThat(placementDay.cancelledRevenue).isEqualTo(700);
		assertThat(placementDay.cancellationsOnDay).isZero();
		var cancellationDay = deltas.daily().get(new AggregateDeltas.DailyKey("acme", CANCELLED, "EUR"));
		assertThat(cancellationDay.ordersPlaced).isZero();
		assertThat(cancellationDay.cancellationsOnDay).isEqualTo(1);
		var pen = deltas.skus().get(new AggregateDeltas.SkuKey("acme", PLACED, "EUR", "PEN"));
		assertThat(pen.unitsSold).isEqualTo(2);
		assertThat(pen.unitsCancelled).isEqualTo(2);
		assertThat(pen.grossRevenue).isEqualTo(300);
		assertThat(pen.cancelledRevenue).isEqualTo(300);
	}

	@Test
	void eachTenantHasItsOwnFigures() {
		AggregateDeltas deltas = new AggregateDeltas();
		deltas.placed(ORDER);
		deltas.placed(new OrderFact(UUID.randomUUID(), "globex", PLACED, "EUR", 5_000,
				List.of(new OrderFact.Line("PEN", 10, 500)), null));

		assertThat(deltas.daily().get(new AggregateDeltas.DailyKey("acme", PLACED, "EUR")).grossRevenue).isEqualTo(700);
		assertThat(deltas.daily().get(new AggregateDeltas.DailyKey("globex", PLACED, "EUR")).grossRevenue)
			.isEqualTo(5_000);
		assertThat(deltas.skus().get(new AggregateDeltas.SkuKey("acme", PLACED, "EUR", "PEN")).unitsSold).isEqualTo(2);
		assertThat(deltas.skus().get(new AggregateDeltas.SkuKey("globex", PLACED, "EUR", "PEN")).unitsSold)
			.isEqualTo(10);
	}

	@Test
	void keysAreSortedSoConcurrentBatchesLockRowsInOneOrder() {
		AggregateDeltas deltas = new AggregateDeltas();
		deltas.placed(new OrderFact(UUID.randomUUID(), "acme-2", PLACED, "EUR", 1, List.of(), null));
		deltas.placed(new OrderFact(UUID.randomUUID(), "acme", PLACED.plusDays(1), "USD", 1, List.of(), null));
		deltas.placed(new OrderFact(UUID.randomUUID(), "acme", PLACED, "USD", 1, List.of(), null));
		deltas.placed(new OrderFact(UUID.randomUUID(), "acme", PLACED, "EUR", 1, List.of(), null));

		assertThat(deltas.daily().keySet()).containsExactly(new AggregateDeltas.DailyKey("acme", PLACED, "EUR"),
				new AggregateDeltas.DailyKey("acme", PLACED, "USD"),
				new AggregateDeltas.DailyKey("acme", PLACED.plusDays(1), "USD"),
				new AggregateDeltas.DailyKey("acme-2", PLACED, "EUR"));
	}

}
