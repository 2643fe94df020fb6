package dev.orderpipeline.orders.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.orderpipeline.orders.money.AmountOverflowException;
import dev.orderpipeline.orders.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaxRateTest {

	@ParameterizedTest(name = "{0} minor units at {1} bp -> {2}")
	@CsvSource({ "100, 2000, 20", // exact
			"3, 2000, 1", // 0.6 rounds up
			"2, 2000, 0", // 0.4 rounds down
			"25, 2000, 5", // exact
			"5, 1000, 1", // exactly half (0.5) rounds up
			"15, 1000, 2", // 1.5 rounds up, not to even
			"14, 1000, 1", // 1.4 rounds down
			"1, 5000, 1", // 0.5 rounds up
			"6435, 2000, 1287", "0, 2000, 0", "999, 0, 0", "999, 10000, 999" })
	void roundsHalfUpToTheMinorUnit(long subtotal, int basisPoints, long expectedTax) {
		Money tax = new TaxRate(basisPoints).taxOn(Money.of(subtotal, "EUR"));

		assertThat(tax).isEqualTo(Money.of(expectedTax, "EUR"));
	}

	@Test
	void largeSubtotalsAreTaxedWithoutIntermediateOverflow() {
		// subtotal * 2000 exceeds Long.MAX_VALUE, the tax itself does not.
		long subtotal = Long.MAX_VALUE / 1000;

		Money tax = new TaxRate(2000).taxOn(Money.of(subtotal, "EUR"));

		assertThat(tax.amount()).isEqualTo(BigDecimal.valueOf(subtotal)
			.multiply(BigDecimal.valueOf(0.2))
			.setScale(0, RoundingMode.HALF_UP)
			.longValueExact());
	}

	@Test
	void aTaxBeyondLongRangeIsAnOverflow() {
		assertThatExceptionOfType(AmountOverflowException.class)
			.isThrownBy(() -> new TaxRate(10_000).taxOn(Money.of(Long.MAX_VALUE, "EUR")).plus(Money.of(1, "EUR")));
	}

	@Test
	void rejectsRatesOutsideZeroToHundredPercent() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TaxRate(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> new TaxRate(10_001));
	}

}
