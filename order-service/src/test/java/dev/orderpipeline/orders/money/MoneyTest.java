package dev.orderpipeline.orders.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

	@Test
	void multipliesAndAddsInMinorUnits() {
		Money price = Money.of(2490, "EUR");

		assertThat(price.times(3)).isEqualTo(Money.of(7470, "EUR"));
		assertThat(price.plus(Money.of(10, "EUR"))).isEqualTo(Money.of(2500, "EUR"));
	}

	@Test
	void multiplicationBeyondLongRangeIsAnOverflowNotAWrapAround() {
		Money price = Money.of(Long.MAX_VALUE / 2 + 1, "EUR");

		assertThatExceptionOfType(AmountOverflowException.class).isThrownBy(() -> price.times(2));
	}

	@Test
	void additionBeyondLongRangeIsAnOverflow() {
		Money big = Money.of(Long.MAX_VALUE, "EUR");

		assertThatExceptionOfType(AmountOverflowException.class).isThrownBy(() -> big.plus(Money.of(1, "EUR")));
	}

	@Test
	void theLargestAmountStillWorks() {
		assertThat(Money.of(Long.MAX_VALUE, "EUR").times(1).amount()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void neverMixesCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")));
	}

	@Test
	void isNeverNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(-1, "EUR"));
	}

}
