package dev.orderpipeline.search.projection;

import java.util.List;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * The live consumer: applies each poll's new events to {@code order_document} in the
 * runtime's transaction.
 * <p>
 * Stale events (sequence not above the last applied) are deliberately handed over, not
 * skipped: a placement retried after its cancellation still carries the customer, lines
 * and totals the document needs, and {@link OrderDocumentWriter} never lets it change the
 * status.
 */
@Component
class OrderDocumentProjection implements EventHandler {

	private final OrderDocumentWriter writer;

	OrderDocumentProjection(OrderDocumentWriter writer) {
		this.writer = writer;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		this.writer.apply(DocumentTable.LIVE, events.stream().map(ReceivedEvent::fact).toList());
	}

}
