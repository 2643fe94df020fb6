package dev.orderpipeline.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.orderpipeline.orders.catalog.StockRepository;
import dev.orderpipeline.orders.order.domain.CancelReason;
import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.OrderStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels an order and releases its stock in one transaction. The order row is locked
 * first, so of two racing cancels the second sees the first one's result and releases
 * nothing.
 */
@Service
public class OrderCancellation {

	private final OrderRepository orders;

	private final StockRepository stock;

	private final OrderEventRecorder events;

	private final Clock clock;

	OrderCancellation(OrderRepository orders, StockRepository stock, OrderEventRecorder events, Clock clock) {
		this.orders = orders;
		this.stock = stock;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param reason why, or {@code null} if the caller gave none
	 * @return the order as it is after the call; unchanged if it was already cancelled
	 * @throws OrderNotFoundException if there is no such order of this owner
	 */
	@Transactional
	public Order cancel(OrderOwner owner, UUID orderId, CancelReason reason) {
		Order order = this.orders.findOwnedForUpdate(orderId, owner)
			.orElseThrow(() -> new OrderNotFoundException(orderId));
		Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		order.cancel(now, reason).ifPresent((cancelled) -> {
			this.orders.updateStatus(order, OrderStatus.PLACED);
			this.stock.release(order.reservation());
			this.events.record(cancelled);
		});
		return order;
	}

}
