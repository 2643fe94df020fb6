package dev.orderpipeline.orders.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.orderpipeline.orders.money.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tax rule against an independent decimal computation, over the whole input range.
 */
class TaxRatePropertyTest {

	@Property
	void matchesDecimalHalfUpRounding(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long subtotal,
			@ForAll @IntRange(min = 0, max = 10_000) int basisPoints) {
		BigDecimal exact = BigDecimal.valueOf(subtotal).multiply(BigDecimal.valueOf(basisPoints)).movePointLeft(4);
		BigDecimal expected = exact.setScale(0, RoundingMode.HALF_UP);

		Money tax = new TaxRate(basisPoints).taxOn(Money.of(subtotal, "EUR"));

		assertThat(BigDecimal.valueOf(tax.amount())).isEqualByComparingTo(expected);
		assertThat(BigDecimal.valueOf(tax.amount()).subtract(exact).abs()).isLessThanOrEqualTo(BigDecimal.valueOf(0.5));
	}

}
