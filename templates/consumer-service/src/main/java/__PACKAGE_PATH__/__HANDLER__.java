package __PACKAGE__;

import java.util.List;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * The service's business logic. Called inside the runtime's transaction with only events
 * this group never applied, an order's events in sequence order; {@code event.fact()} is
 * an {@code OrderPlaced} or an {@code OrderCancelled}. Write with the service's
 * {@code JdbcTemplate} (it joins that transaction), one batched statement per call. Throw
 * {@code PermanentEventFailure} for an event that can never succeed; anything else is
 * retried.
 */
@Component
class __HANDLER__ implements EventHandler {

	@Override
	public void handle(List<ReceivedEvent> events) {
	}

}
