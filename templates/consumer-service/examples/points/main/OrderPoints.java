package __PACKAGE__;

import java.util.List;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.PermanentEventFailure;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderDetails;
import dev.orderpipeline.events.facts.OrderPlaced;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A point per 100 minor units of an order's total, granted to its customer when the order
 * is placed and taken back when it is cancelled.
 */
@Component
class OrderPoints implements EventHandler {

	private final JdbcTemplate jdbc;

	OrderPoints(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<Change> changes = events.stream().map(OrderPoints::change).toList();
		this.jdbc.batchUpdate("""
				insert into customer_points (tenant_id, customer_id, points) values (?, ?, ?)
				on conflict (tenant_id, customer_id) do update set points = customer_points.points + excluded.points""",
				changes, changes.size(), (statement, change) -> {
					statement.setString(1, change.tenantId());
					statement.setString(2, change.order().customerId());
					statement.setLong(3, change.sign() * (change.order().total().amount() / 100));
				});
	}

	private static Change change(ReceivedEvent event) {
		if (event.fact() instanceof OrderPlaced placed) {
			return new Change(placed.tenantId(), placed.order(), 1);
		}
		OrderCancelled cancelled = (OrderCancelled) event.fact();
		// order.cancelled.v1 did not carry the order: nothing says what to take back.
		OrderDetails order = cancelled.order()
			.orElseThrow(() -> new PermanentEventFailure("a cancellation without the order: no points to take back"));
		return new Change(cancelled.tenantId(), order, -1);
	}

	private record Change(String tenantId, OrderDetails order, int sign) {
	}

}
