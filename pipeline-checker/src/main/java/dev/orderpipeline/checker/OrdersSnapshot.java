package dev.orderpipeline.checker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The truth, read in one repeatable-read transaction of the orders database.
 *
 * @param orders the orders the window covers (and the declared ones), by id
 * @param analyticsOrders the orders the analytics days need: placed or cancelled on a day
 * the window touches
 * @param outbox the outbox rows of the covered orders, by order
 * @param stock every SKU's stock
 * @param readAt when the snapshot was taken
 */
record OrdersSnapshot(Map<UUID, OrderTruth> orders, List<OrderTruth> analyticsOrders, Map<UUID, List<OutboxRow>> outbox,
		List<StockRow> stock, Instant readAt) {

	/**
	 * An event not yet deleted by the relay.
	 *
	 * @param eventId its ce_id
	 * @param sequence its sequence
	 * @param eventType its type
	 * @param parkedAt when the relay gave up on it, or {@code null}
	 * @param lastError why
	 */
	record OutboxRow(String eventId, long sequence, String eventType, Instant parkedAt, String lastError) {

	}

	/**
	 * One SKU's stock with what the orders say it should be.
	 *
	 * @param sku the product
	 * @param onHand physical stock
	 * @param reserved as recorded
	 * @param placedQuantity the quantities of the SKU's lines in orders not cancelled
	 */
	record StockRow(String sku, long onHand, long reserved, long placedQuantity) {

	}

}
