package dev.orderpipeline.analytics.orders;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderPlaced;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Keeps the analytics aggregates in step with the placed and cancelled orders. For a
 * batch: record the placements, then the cancellations, in the per-order ledger; add what
 * is new (a placement, and the reversal of every order whose placement and cancellation
 * are now both known) to the aggregate tables. Four statements per batch, whatever its
 * size, and the same figures whatever the arrival order: a cancellation that arrives
 * before its placement waits in the ledger and is reversed when the placement comes.
 * Every figure is booked to the order's tenant (the placement's {@code tenantId},
 * {@code default} for events from before tenancy), so each tenant's figures are its own.
 */
@Component
class OrderAggregation implements EventHandler {

	private final OrderLedger ledger;

	private final AggregateTables aggregates;

	private final AggregationTimers timers;

	OrderAggregation(OrderLedger ledger, AggregateTables aggregates, MeterRegistry meters) {
		this.ledger = ledger;
		this.aggregates = aggregates;
		this.timers = AggregationTimers.register(meters);
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<OrderPlaced> placements = onePerOrder(facts(events, OrderPlaced.class), OrderPlaced::orderId);
		List<OrderCancelled> cancellations = onePerOrder(facts(events, OrderCancelled.class), OrderCancelled::orderId);

		AggregateDeltas deltas = new AggregateDeltas();
		List<OrderFact> placed = this.timers.placements().record(() -> this.ledger.recordPlacements(placements));
		for (OrderFact order : placed) {
			deltas.placed(order);
			if (order.cancelled()) {
				deltas.cancelled(order);
			}
		}
		List<OrderFact> cancelled = this.timers.cancellations()
			.record(() -> this.ledger.recordCancellations(cancellations));
		for (OrderFact order : cancelled) {
			if (order.placed()) {
				deltas.cancelled(order);
			}
		}
		this.timers.aggregates().record(() -> this.aggregates.add(deltas));
	}

	private static <T> List<T> facts(List<ReceivedEvent> events, Class<T> kind) {
		return events.stream().map(ReceivedEvent::fact).filter(kind::isInstance).map(kind::cast).toList();
	}

	/**
	 * The first fact per order, sorted by order id: one upsert may not touch a row twice,
	 * and a stable lock order keeps concurrent batches from deadlocking. A second event
	 * of the same fact changes nothing anyway (the ledger keeps the first).
	 */
	private static <T> List<T> onePerOrder(List<T> facts, Function<T, UUID> orderId) {
		Map<UUID, T> first = new LinkedHashMap<>();
		facts.forEach((fact) -> first.putIfAbsent(orderId.apply(fact), fact));
		return first.values().stream().sorted(Comparator.comparing(orderId)).toList();
	}

}
