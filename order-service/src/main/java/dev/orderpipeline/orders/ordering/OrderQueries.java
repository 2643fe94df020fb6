package dev.orderpipeline.orders.ordering;

import java.util.List;
import java.util.UUID;

import dev.orderpipeline.orders.order.Order;
import dev.orderpipeline.orders.order.OrderStatus;
import dev.orderpipeline.orders.persistence.OrderRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class OrderQueries {

	private final OrderRepository orders;

	OrderQueries(OrderRepository orders) {
		this.orders = orders;
	}

	public Order get(UUID id) {
		return this.orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	public List<Order> ofCustomer(String customerId, OrderStatus status, int offset, int limit) {
		return this.orders.findByCustomer(customerId, status, offset, limit);
	}

}
