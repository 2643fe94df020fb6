package dev.orderpipeline.consumer.example;

import java.util.List;
import java.util.UUID;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.facts.OrderPlaced;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The example consumer of the README: counts placed and cancelled orders, one effect row
 * per event, written with one batched statement per poll.
 */
@Component
class ExampleOrderCounter implements EventHandler {

	private final JdbcTemplate jdbc;

	ExampleOrderCounter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		this.jdbc.batchUpdate("""
				insert into example_effect (event_id, order_id, event_type, total_amount)
				values (?, ?, ?, ?)""", events, events.size(), (statement, event) -> {
			statement.setObject(1, UUID.fromString(event.id()));
			statement.setObject(2, UUID.fromString(event.subject()));
			statement.setString(3, event.type().typeName());
			statement.setObject(4, (event.fact() instanceof OrderPlaced placed) ? placed.total().amount() : null);
		});
	}

}
