package dev.orderpipeline.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * Builds consistent random events for tests: totals add up, currencies agree. Seeded, so
 * a failure can be reproduced from the seed in its message.
 */
public final class TestEvents {

	private static final String[] CURRENCIES = { "EUR", "USD", "GBP", "JPY", "CHF" };

	private final Random random;

	public TestEvents(long seed) {
		this.random = new Random(seed);
	}

	public OrderPlacedV1 orderPlacedV1() {
		Order order = order();
		return new OrderPlacedV1(order.id, order.sequence, order.customerId, order.email,
				order.lines.stream()
					.map((line) -> new OrderPlacedV1.Line(line.sku, line.name, line.quantity, line.unitPrice,
							line.unitPrice.times(line.quantity)))
					.toList(),
				order.subtotal(), order.tax, order.subtotal().plus(order.tax), order.currency, order.placedAt,
				order.tenantId);
	}

	public OrderPlacedV2 orderPlacedV2() {
		Order order = order();
		return new OrderPlacedV2(order.id, order.sequence, new OrderPlacedV2.Customer(order.customerId, order.email),
				order.lines.stream()
					.map((line) -> new OrderPlacedV2.Line(line.sku, line.name, line.quantity, line.unitPrice,
							line.unitPrice.times(line.quantity)))
					.toList(),
				new OrderPlacedV2.Totals(order.subtotal(), order.tax, order.subtotal().plus(order.tax)), order.placedAt,
				order.tenantId);
	}

	public OrderCancelledV1 orderCancelledV1() {
		Order order = order();
		return new OrderCancelledV1(order.id, order.sequence + 1,
				order.lines.stream().map((line) -> new OrderCancelledV1.ReleasedLine(line.sku, line.quantity)).toList(),
				order.placedAt.plusSeconds(1 + this.random.nextInt(86_400)),
				this.random.nextBoolean() ? null : "reason " + this.random.nextInt(100), order.tenantId);
	}

	public OrderCancelledV2 orderCancelledV2() {
		OrderPlacedV2 placed = orderPlacedV2();
		return new OrderCancelledV2(placed.orderId(), placed.sequence() + 1, placed.tenantOrDefault(),
				placed.customer(), placed.lines(), placed.totals(),
				placed.placedAt().plusSeconds(1 + this.random.nextInt(86_400)),
				this.random.nextBoolean() ? null : "reason " + this.random.nextInt(100));
	}

	public IntegrationEvent any(EventType type) {
		switch (type) {
			case ORDER_PLACED_V1:
				return orderPlacedV1();
			case ORDER_PLACED_V2:
				return orderPlacedV2();
			case ORDER_CANCELLED_V1:
				return orderCancelledV1();
			case ORDER_CANCELLED_V2:
				return orderCancelledV2();
			default:
				throw new IllegalArgumentException("No builder for " + type);
		}
	}

	private Order order() {
		String currency = CURRENCIES[this.random.nextInt(CURRENCIES.length)];
		List<Line> lines = new ArrayList<>();
		int count = 1 + this.random.nextInt(5);
		for (int i = 0; i < count; i++) {
			lines.add(new Line("SKU-" + this.random.nextInt(100_000), "Product \"" + i + "\" ünïcödé",
					1 + this.random.nextInt(20), Money.of(this.random.nextInt(1_000_000), currency)));
		}
		// Nanosecond precision on purpose: the wire format must not lose it.
		Instant placedAt = Instant.ofEpochSecond(1_700_000_000L + this.random.nextInt(100_000_000),
				this.random.nextInt(1_000_000_000));
		// A quarter without a tenant, like the events published before tenancy.
		String tenantId = (this.random.nextInt(4) == 0) ? null : "tenant-" + this.random.nextInt(10);
		return new Order(UUID.randomUUID(), 1 + this.random.nextInt(5), "c-" + this.random.nextInt(1_000_000),
				"user" + this.random.nextInt(1000) + "@example.com", currency, lines,
				Money.of(this.random.nextInt(100_000), currency), placedAt, tenantId);
	}

	private record Line(String sku, String name, int quantity, Money unitPrice) {

	}

	private record Order(UUID id, long sequence, String customerId, String email, String currency, List<Line> lines,
			Money tax, Instant placedAt, String tenantId) {

		Money subtotal() {
			return this.lines.stream()
				.map((line) -> line.unitPrice.times(line.quantity))
				.reduce(Money::plus)
				.orElseThrow();
		}

	}

}
