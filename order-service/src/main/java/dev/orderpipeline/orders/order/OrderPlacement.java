package dev.orderpipeline.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.orders.catalog.ProductPrices;
import dev.orderpipeline.orders.catalog.StockRepository;
import dev.orderpipeline.orders.catalog.domain.InsufficientStockException;
import dev.orderpipeline.orders.catalog.domain.ProductPrice;
import dev.orderpipeline.orders.catalog.domain.Shortage;
import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderRequestRules;
import dev.orderpipeline.orders.order.domain.PlaceOrder;
import dev.orderpipeline.orders.order.domain.TaxRate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order in one transaction: price from the catalog, reserve stock for every
 * line (all or nothing), store order and lines, record what happened. The statement count
 * does not grow with the number of lines: one catalog query, one reservation batch, one
 * order insert, one line batch.
 */
@Service
public class OrderPlacement {

	private final OrderRequestRules rules;

	private final ProductPrices prices;

	private final StockRepository stock;

	private final OrderRepository orders;

	private final OrderEventRecorder events;

	private final TaxRate taxRate;

	private final TimeOrderedIds ids;

	private final Clock clock;

	OrderPlacement(OrderRequestRules rules, ProductPrices prices, StockRepository stock, OrderRepository orders,
			OrderEventRecorder events, TaxRate taxRate, TimeOrderedIds ids, Clock clock) {
		this.rules = rules;
		this.prices = prices;
		this.stock = stock;
		this.orders = orders;
		this.events = events;
		this.taxRate = taxRate;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * @throws dev.orderpipeline.orders.order.OrderRejectedException if the request or the
	 * catalog does not allow the order
	 * @throws InsufficientStockException if any line cannot be reserved; nothing is
	 * reserved then
	 */
	@Transactional
	public Order place(PlaceOrder request) {
		this.rules.requireValid(request);
		Map<String, ProductPrice> catalog = this.prices.of(request.items().stream().map(PlaceOrder.Item::sku).toList());
		// PostgreSQL keeps microseconds; truncating here makes the 201 answer and every
		// later read show the same createdAt.
		Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		Order.Placed placed = Order.place(this.ids.next(), request, catalog, this.taxRate, now);
		this.orders.insert(placed.order());
		this.events.record(placed.event());
		// Reserve last: stock rows are the only rows other orders contend for, and their
		// locks are held until commit. Writing the order first keeps that window short;
		// when stock is short, the rollback discards the order again.
		List<Shortage> shortages = this.stock.reserve(placed.order().reservation());
		if (!shortages.isEmpty()) {
			throw new InsufficientStockException(shortages);
		}
		return placed.order();
	}

}
