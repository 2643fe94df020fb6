package dev.orderpipeline.analytics.orders;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records one fact per order: its day, currency and total when placed, and whether it was
 * cancelled. Per-day and per-currency counts and revenue are the view
 * {@code daily_order_stats}. Both upserts commute, so the figures are right whatever the
 * arrival order; one batched statement per event type per poll.
 */
@Component
class OrderFacts implements EventHandler {

	private final JdbcTemplate jdbc;

	OrderFacts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<OrderPlacement> placements = events.stream().flatMap((e) -> e.placement().stream()).toList();
		List<OrderCancelledV1> cancellations = events.stream()
			.map(ReceivedEvent::event)
			.filter(OrderCancelledV1.class::isInstance)
			.map(OrderCancelledV1.class::cast)
			.toList();
		if (!placements.isEmpty()) {
			this.jdbc.batchUpdate("""
					insert into order_fact (order_id, placed_day, currency, total_amount, source_version)
					values (?, ?, ?, ?, ?)
					on conflict (order_id) do update set
					    placed_day = excluded.placed_day,
					    currency = excluded.currency,
					    total_amount = excluded.total_amount,
					    source_version = excluded.source_version,
					    updated_at = now()""", placements, placements.size(), (statement, placement) -> {
				statement.setObject(1, placement.orderId());
				statement.setDate(2, Date.valueOf(LocalDate.ofInstant(placement.placedAt(), ZoneOffset.UTC)));
				statement.setString(3, placement.currency());
				statement.setLong(4, placement.total().amount());
				statement.setInt(5, placement.sourceVersion());
			});
		}
		if (!cancellations.isEmpty()) {
			this.jdbc.batchUpdate("""
					insert into order_fact (order_id, cancelled_at) values (?, ?)
					on conflict (order_id) do update set cancelled_at = excluded.cancelled_at, updated_at = now()""",
					cancellations, cancellations.size(), (statement, cancelled) -> {
						statement.setObject(1, cancelled.orderId());
						statement.setTimestamp(2, Timestamp.from(cancelled.cancelledAt()));
					});
		}
	}

}
