package dev.orderpipeline.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void addsAndMultipliesInMinorUnits() {
		assertThat(Money.of(1250, "EUR").times(2).plus(Money.of(1700, "EUR"))).isEqualTo(Money.of(4200, "EUR"));
	}

	@Test
	void overflowIsAnErrorNotAWrapAround() {
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> Money.of(Long.MAX_VALUE / 2 + 1, "EUR").times(2));
	}

	@Test
	void amountsOfDifferentCurrenciesDoNotAdd() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
			.withMessageContaining("EUR")
			.withMessageContaining("USD");
	}

	@Test
	void theCurrencyIsAnIso4217AlphabeticCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "eur"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EURO"));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Money.of(1, null));
	}

}
