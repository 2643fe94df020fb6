package dev.orderpipeline.analytics.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateDeltasTests {

	private static final LocalDate PLACED = LocalDate.parse("2026-11-01");

	private static final LocalDate CANCELLED = LocalDate.parse("2026-11-03");

	private static final OrderFact ORDER = new OrderFact(UUID.randomUUID(), PLACED, "EUR", 700,
			List.of(new OrderFact.Line("PEN", 2, 300), new OrderFact.Line("INK", 1, 400)), CANCELLED);

	@Test
	void aCancellationReversesItsOrderOnThePlacementDayAndCountsOnTheCancellationDay() {
		AggregateDeltas deltas = new AggregateDeltas();
		deltas.placed(ORDER);
		deltas.cancelled(ORDER);

		var placementDay = deltas.daily().get(new AggregateDeltas.DayCurrency(PLACED, "EUR"));
		assertThat(placementDay.ordersPlaced).isEqualTo(1);
		assertThat(placementDay.grossRevenue).isEqualTo(700);
		assertThat(placementDay.ordersCancelled).isEqualTo(1);
		assertThat(placementDay.cancelledRevenue).isEqualTo(700);
		assertThat(placementDay.cancellationsOnDay).isZero();
		var cancellationDay = deltas.daily().get(new AggregateDeltas.DayCurrency(CANCELLED, "EUR"));
		assertThat(cancellationDay.ordersPlaced).isZero();
		assertThat(cancellationDay.cancellationsOnDay).isEqualTo(1);
		var pen = deltas.skus().get(new AggregateDeltas.SkuKey(PLACED, "EUR", "PEN"));
		assertThat(pen.unitsSold).isEqualTo(2);
		assertThat(pen.unitsCancelled).isEqualTo(2);
		assertThat(pen.grossRevenue).isEqualTo(300);
		assertThat(pen.cancelledRevenue).isEqualTo(300);
	}

	@Test
	void keysAreSortedSoConcurrentBatchesLockRowsInOneOrder() {
		AggregateDeltas deltas = new AggregateDeltas();
		deltas.placed(new OrderFact(UUID.randomUUID(), PLACED.plusDays(1), "USD", 1, List.of(), null));
		deltas.placed(new OrderFact(UUID.randomUUID(), PLACED, "USD", 1, List.of(), null));
		deltas.placed(new OrderFact(UUID.randomUUID(), PLACED, "EUR", 1, List.of(), null));

		assertThat(deltas.daily().keySet()).containsExactly(new AggregateDeltas.DayCurrency(PLACED, "EUR"),
				new AggregateDeltas.DayCurrency(PLACED, "USD"),
				new AggregateDeltas.DayCurrency(PLACED.plusDays(1), "USD"));
	}

}
