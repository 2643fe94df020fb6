package dev.orderpipeline.orders.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.orders.catalog.domain.ProductPrice;
import dev.orderpipeline.orders.catalog.domain.StockReservation;
import dev.orderpipeline.orders.money.AmountOverflowException;
import dev.orderpipeline.orders.money.Money;

/**
 * The order aggregate. It prices itself from a catalog snapshot when placed and guards
 * its own status transitions; persistence only stores what it decided.
 */
public final class Order {

	private final UUID id;

	private final String tenantId;

	private final String customerId;

	private final String customerEmail;

	private final Currency currency;

	private final List<OrderLine> lines;

	private final Money subtotal;

	private final TaxRate taxRate;

	private final Money tax;

	private final Money total;

	private final Instant createdAt;

	private OrderStatus status;

	private Instant cancelledAt;

	private String cancelReason;

	private Order(UUID id, String tenantId, String customerId, String customerEmail, Currency currency,
			List<OrderLine> lines, Money subtotal, TaxRate taxRate, Money tax, Money total, Instant createdAt,
			OrderStatus status, Instant cancelledAt, String cancelReason) {
		this.id = Objects.requireNonNull(id);
		this.tenantId = Objects.requireNonNull(tenantId);
		this.customerId = Objects.requireNonNull(customerId);
		this.customerEmail = Objects.requireNonNull(customerEmail);
		this.currency = Objects.requireNonNull(currency);
		this.lines = List.copyOf(lines);
		this.subtotal = subtotal;
		this.taxRate = taxRate;
		this.tax = tax;
		this.total = total;
		this.createdAt = Objects.requireNonNull(createdAt);
		this.status = Objects.requireNonNull(status);
		this.cancelledAt = cancelledAt;
		this.cancelReason = cancelReason;
	}

	/**
	 * Prices a request that already passed {@link OrderRequestRules} against the catalog.
	 * Every unknown or inactive SKU, currency mismatch and overflow is reported at once.
	 * @throws OrderRejectedException if the catalog or the amounts do not allow the order
	 */
	public static Placed place(UUID id, PlaceOrder request, Map<String, ProductPrice> catalog, TaxRate taxRate,
			Instant now) {
		Currency currency = Currency.getInstance(request.currency());
		List<Violation> violations = new ArrayList<>();
		List<OrderLine> lines = new ArrayList<>(request.items().size());
		Money subtotal = Money.zero(currency);
		for (int i = 0; i < request.items().size(); i++) {
			PlaceOrder.Item item = request.items().get(i);
			String path = "items[" + i + "]";
			ProductPrice product = catalog.get(item.sku());
			if (product == null) {
				violations.add(new Violation(path + ".sku", "unknown SKU " + item.sku()));
				continue;
			}
			if (!product.active()) {
				violations.add(new Violation(path + ".sku", "SKU " + item.sku() + " is not available for sale"));
				continue;
			}
			if (!product.unitPrice().currency().equals(currency)) {
				violations.add(new Violation(path + ".sku", "SKU " + item.sku() + " is priced in "
						+ product.unitPrice().currencyCode() + ", the order is in " + currency.getCurrencyCode()));
				continue;
			}
			try {
				Money lineTotal = product.unitPrice().times(item.quantity());
				subtotal = subtotal.plus(lineTotal);
				lines.add(new OrderLine(i + 1, item.sku(), product.name(), item.quantity(), product.unitPrice(),
						lineTotal));
			}
			catch (AmountOverflowException ex) {
				violations.add(new Violation(path + ".quantity", "the amount of this order is too large"));
			}
		}
		if (!violations.isEmpty()) {
			throw new OrderRejectedException(violations);
		}
		Money tax;
		Money total;
		try {
			tax = taxRate.taxOn(subtotal);
			total = subtotal.plus(tax);
		}
		catch (AmountOverflowException ex) {
			throw new OrderRejectedException(List.of(new Violation("items", "the amount of this order is too large")));
		}
		Order order = new Order(id, request.tenantId(), request.customerId(), request.customerEmail(), currency, lines,
				subtotal, taxRate, tax, total, now, OrderStatus.PLACED, null, null);
		return new Placed(order, new OrderPlaced(id, order.tenantId, order.customerId, order.customerEmail, order.lines,
				subtotal, tax, total, now));
	}

	/** Rebuilds an order from storage; no rule is re-applied. */
	public static Order restore(UUID id, String tenantId, String customerId, String customerEmail, Currency currency,
			List<OrderLine> lines, Money subtotal, TaxRate taxRate, Money tax, Money total, Instant createdAt,
			OrderStatus status, Instant cancelledAt, String cancelReason) {
		return new Order(id, tenantId, customerId, customerEmail, currency, lines, subtotal, taxRate, tax, total,
				createdAt, status, cancelledAt, cancelReason);
	}

	/**
	 * Cancels a placed order. Cancelling a cancelled order changes nothing and reports
	 * nothing, so a retried cancel is harmless and never releases stock twice. The first
	 * cancel's reason is the one kept.
	 * @param now when the cancellation is committed
	 * @param reason why, as given by the caller; {@code null} if none was given
	 * @return the fact to record, or empty if the order was already cancelled
	 */
	public Optional<OrderCancelled> cancel(Instant now, CancelReason reason) {
		switch (this.status) {
			case PLACED -> {
				this.status = OrderStatus.CANCELLED;
				this.cancelledAt = now;
				this.cancelReason = (reason != null) ? reason.text() : null;
				return Optional.of(new OrderCancelled(this.id, this.tenantId, this.customerId, this.customerEmail,
						this.lines, this.subtotal, this.tax, this.total, now, this.cancelReason));
			}
			case CANCELLED -> {
				return Optional.empty();
			}
			default -> throw new InvalidOrderTransitionException(this.id, this.status, OrderStatus.CANCELLED);
		}
	}

	/** The stock this order holds while it is placed: its lines' quantities per SKU. */
	public StockReservation reservation() {
		return new StockReservation(
				this.lines.stream().map((line) -> new StockReservation.Entry(line.sku(), line.quantity())).toList());
	}

	public UUID id() {
		return this.id;
	}

	public String tenantId() {
		return this.tenantId;
	}

	public String customerId() {
		return this.customerId;
	}

	public String customerEmail() {
		return this.customerEmail;
	}

	public Currency currency() {
		return this.currency;
	}

	public List<OrderLine> lines() {
		return this.lines;
	}

	public Money subtotal() {
		return this.subtotal;
	}

	public TaxRate taxRate() {
		return this.taxRate;
	}

	public Money tax() {
		return this.tax;
	}

	public Money total() {
		return this.total;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public OrderStatus status() {
		return this.status;
	}

	public Instant cancelledAt() {
		return this.cancelledAt;
	}

	/**
	 * Why the order was cancelled.
	 * @return the caller's reason, or {@code null} if none was given or it is not
	 * cancelled
	 */
	public String cancelReason() {
		return this.cancelReason;
	}

	/** A newly placed order and the fact of its placement. */
	public record Placed(Order order, OrderPlaced event) {

	}

}
