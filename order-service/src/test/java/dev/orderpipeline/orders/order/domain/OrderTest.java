package dev.orderpipeline.orders.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.orders.catalog.domain.ProductPrice;
import dev.orderpipeline.orders.catalog.domain.StockReservation;
import dev.orderpipeline.orders.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrderTest {

	static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");

	static final TaxRate TWENTY_PERCENT = new TaxRate(2000);

	final Map<String, ProductPrice> catalog = Map.of("SKU-1", product("SKU-1", 2490, "EUR", true), "SKU-2",
			product("SKU-2", 1455, "EUR", true), "OLD", product("OLD", 100, "EUR", false), "USD-1",
			product("USD-1", 100, "USD", true), "PRICEY", product("PRICEY", Long.MAX_VALUE / 2, "EUR", true));

	@Test
	void pricesEachLineTheSubtotalTaxAndTotal() {
		Order.Placed placed = place(item("SKU-1", 2), item("SKU-2", 1));

		Order order = placed.order();
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.lines()).extracting(OrderLine::lineTotal)
			.containsExactly(Money.of(4980, "EUR"), Money.of(1455, "EUR"));
		assertThat(order.lines()).extracting(OrderLine::productName).containsExactly("Product SKU-1", "Product SKU-2");
		assertThat(order.subtotal()).isEqualTo(Money.of(6435, "EUR"));
		assertThat(order.tax()).isEqualTo(Money.of(1287, "EUR"));
		assertThat(order.total()).isEqualTo(Money.of(7722, "EUR"));
		assertThat(order.createdAt()).isEqualTo(NOW);
	}

	@Test
	void reportsWhatHappenedWhenPlaced() {
		Order.Placed placed = place(item("SKU-1", 2));

		assertThat(placed.event().orderId()).isEqualTo(placed.order().id());
		assertThat(placed.event().total()).isEqualTo(placed.order().total());
		assertThat(placed.event().lines()).isEqualTo(placed.order().lines());
		assertThat(placed.event().placedAt()).isEqualTo(NOW);
	}

	@Test
	void largeQuantitiesOfExpensiveProductsArePricedExactly() {
		Map<String, ProductPrice> expensive = Map.of("GOLD", product("GOLD", 1_000_000_000_00L, "EUR", true));

		Order order = Order.place(UUID.randomUUID(), request(item("GOLD", 1000)), expensive, TWENTY_PERCENT, NOW)
			.order();

		assertThat(order.subtotal().amount()).isEqualTo(100_000_000_000_000L);
		assertThat(order.total().amount()).isEqualTo(120_000_000_000_000L);
	}

	@Test
	void anOverflowingLineIsAValidationErrorOnThatLine() {
		assertThatExceptionOfType(OrderRejectedException.class).isThrownBy(() -> place(item("PRICEY", 3)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("items[0].quantity"));
	}

	@Test
	void anOverflowingTotalIsAValidationError() {
		// Each line fits, the subtotal fits, subtotal plus tax does not.
		assertThatExceptionOfType(OrderRejectedException.class).isThrownBy(() -> place(item("PRICEY", 2)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("items"));
	}

	@Test
	void reportsEveryUnknownInactiveOrForeignCurrencySkuAtOnce() {
		assertThatExceptionOfType(OrderRejectedException.class)
			.isThrownBy(() -> place(item("SKU-1", 1), item("NOPE", 1), item("OLD", 1), item("USD-1", 1)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("items[1].sku", "items[2].sku", "items[3].sku"));
	}

	@Test
	void cancellingAPlacedOrderReleasesItsLinesOnce() {
		Order order = place(item("SKU-2", 1), item("SKU-1", 2)).order();
		Instant later = NOW.plusSeconds(60);

		OrderCancelled cancelled = order.cancel(later, new CancelReason(" Wrong size ")).orElseThrow();

		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.cancelledAt()).isEqualTo(later);
		assertThat(order.cancelReason()).isEqualTo("Wrong size");
		assertThat(cancelled.releasedLines()).isEqualTo(order.lines());
		assertThat(cancelled.reason()).isEqualTo("Wrong size");
		assertThat(cancelled.customerEmail()).isEqualTo(order.customerEmail());
		assertThat(cancelled.total()).isEqualTo(order.total());
		assertThat(order.cancel(later.plusSeconds(60), new CancelReason("Another")))
			.as("a second cancel changes nothing")
			.isEmpty();
		assertThat(order.cancelledAt()).isEqualTo(later);
		assertThat(order.cancelReason()).isEqualTo("Wrong size");
	}

	@Test
	void aCancellationWithoutAReasonHasNone() {
		Order order = place(item("SKU-1", 1)).order();

		assertThat(order.cancel(NOW.plusSeconds(1), null).orElseThrow().reason()).isNull();
		assertThat(order.cancelReason()).isNull();
	}

	@Test
	void aReasonIsBoundedAndPrintable() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CancelReason(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> new CancelReason("x".repeat(501)));
		assertThatIllegalArgumentException().isThrownBy(() -> new CancelReason("bell\u0007"));
		assertThat(new CancelReason("x".repeat(500) + "  ").text()).hasSize(500);
		assertThat(new CancelReason("two\nlines").text()).isEqualTo("two\nlines");
	}

	@Test
	void reservesInSkuOrderWhateverTheLineOrder() {
		Order order = place(item("SKU-2", 1), item("SKU-1", 2)).order();

		assertThat(order.reservation().entries()).containsExactly(new StockReservation.Entry("SKU-1", 2),
				new StockReservation.Entry("SKU-2", 1));
	}

	private Order.Placed place(PlaceOrder.Item... items) {
		return Order.place(UUID.randomUUID(), request(items), this.catalog, TWENTY_PERCENT, NOW);
	}

	static PlaceOrder request(PlaceOrder.Item... items) {
		return new PlaceOrder("acme", "c-1", "ana@example.com", "EUR", List.of(items));
	}

	static PlaceOrder.Item item(String sku, int quantity) {
		return new PlaceOrder.Item(sku, quantity);
	}

	static ProductPrice product(String sku, long price, String currency, boolean active) {
		return new ProductPrice(sku, "Product " + sku, Money.of(price, currency), active);
	}

}
