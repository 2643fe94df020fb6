package dev.orderpipeline.search.projection;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one document per order. Every write compares the event's sequence with the
 * document's, so the result does not depend on arrival order: a placement that arrives
 * after its cancellation fills in the order's details but never makes it placed again.
 * One batched statement per event type per poll.
 */
@Component
class OrderDocumentProjection implements EventHandler {

	private final JdbcTemplate jdbc;

	OrderDocumentProjection(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<ReceivedEvent> placements = events.stream().filter((e) -> e.placement().isPresent()).toList();
		List<ReceivedEvent> cancellations = events.stream()
			.filter((e) -> e.event() instanceof OrderCancelledV1)
			.toList();
		if (!placements.isEmpty()) {
			upsertPlacements(placements);
		}
		if (!cancellations.isEmpty()) {
			upsertCancellations(cancellations);
		}
	}

	private void upsertPlacements(List<ReceivedEvent> placements) {
		this.jdbc.batchUpdate("""
				insert into order_document (order_id, status, customer_id, customer_email, currency, total_amount,
				    skus, product_names, placed_at, last_sequence)
				values (?, 'PLACED', ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (order_id) do update set
				    status = case when order_document.last_sequence < excluded.last_sequence
				                  then excluded.status else order_document.status end,
				    customer_id = excluded.customer_id,
				    customer_email = excluded.customer_email,
				    currency = excluded.currency,
				    total_amount = excluded.total_amount,
				    skus = excluded.skus,
				    product_names = excluded.product_names,
				    placed_at = excluded.placed_at,
				    last_sequence = greatest(order_document.last_sequence, excluded.last_sequence),
				    updated_at = now()""", placements, placements.size(), (statement, event) -> {
			OrderPlacement placement = event.placement().orElseThrow();
			statement.setObject(1, placement.orderId());
			statement.setString(2, placement.customerId());
			statement.setString(3, placement.customerEmail());
			statement.setString(4, placement.currency());
			statement.setLong(5, placement.total().amount());
			statement.setString(6,
					placement.lines().stream().map(OrderPlacement.Line::sku).collect(Collectors.joining(" ")));
			statement.setString(7,
					placement.lines().stream().map(OrderPlacement.Line::productName).collect(Collectors.joining(" ")));
			statement.setTimestamp(8, Timestamp.from(placement.placedAt()));
			statement.setLong(9, placement.sequence());
		});
	}

	private void upsertCancellations(List<ReceivedEvent> cancellations) {
		this.jdbc.batchUpdate("""
				insert into order_document (order_id, status, cancelled_at, cancel_reason, last_sequence)
				values (?, 'CANCELLED', ?, ?, ?)
				on conflict (order_id) do update set
				    status = case when order_document.last_sequence < excluded.last_sequence
				                  then excluded.status else order_document.status end,
				    cancelled_at = excluded.cancelled_at,
				    cancel_reason = excluded.cancel_reason,
				    last_sequence = greatest(order_document.last_sequence, excluded.last_sequence),
				    updated_at = now()""", cancellations, cancellations.size(), (statement, event) -> {
			OrderCancelledV1 cancelled = (OrderCancelledV1) event.event();
			statement.setObject(1, cancelled.orderId());
			statement.setTimestamp(2, Timestamp.from(cancelled.cancelledAt()));
			statement.setString(3, cancelled.reason());
			statement.setLong(4, cancelled.sequence());
		});
	}

}
