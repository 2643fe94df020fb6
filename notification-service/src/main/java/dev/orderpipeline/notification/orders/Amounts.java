package dev.orderpipeline.notification.orders;

import java.math.BigDecimal;
import java.util.Currency;

import dev.orderpipeline.events.Money;

/**
 * Formats money for people: minor units shifted by the currency's own fraction digits
 * ({@code 1999 EUR} is {@code 19.99 EUR}, {@code 500 JPY} is {@code 500 JPY}).
 * Deliberately locale-independent, so the same event always renders the same email.
 */
final class Amounts {

	private Amounts() {
	}

	static String format(Money money) {
		int digits = fractionDigits(money.currency());
		return BigDecimal.valueOf(money.amount(), digits).toPlainString() + " " + money.currency();
	}

	private static int fractionDigits(String currency) {
		try {
			return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
		}
		catch (IllegalArgumentException unknownToTheJdk) {
			return 2;
		}
	}

}
