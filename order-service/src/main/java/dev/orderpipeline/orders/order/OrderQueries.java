package dev.orderpipeline.orders.order;

import java.util.List;
import java.util.UUID;

import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.OrderStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class OrderQueries {

	private final OrderRepository orders;

	OrderQueries(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * @throws OrderNotFoundException if there is no such order of this owner, whether it
	 * does not exist or belongs to someone else
	 */
	public Order get(OrderOwner owner, UUID id) {
		return this.orders.findOwned(id, owner).orElseThrow(() -> new OrderNotFoundException(id));
	}

	public List<Order> of(OrderOwner owner, OrderStatus status, int offset, int limit) {
		return this.orders.findByOwner(owner, status, offset, limit);
	}

}
