package dev.orderpipeline.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in integer minor units of an ISO 4217 currency, for example {@code {"amount":
 * 4200, "currency": "EUR"}} for 42.00 EUR. Never floating point.
 *
 * @param amount the amount in minor units (cents for EUR)
 * @param currency the ISO 4217 alphabetic code
 */
public record Money(long amount, String currency) {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	public Money {
		Objects.requireNonNull(currency, "currency");
		if (!CURRENCY.matcher(currency).matches()) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
		}
	}

	public static Money of(long amount, String currency) {
		return new Money(amount, currency);
	}

	/**
	 * Adds two amounts of the same currency.
	 * @param other the amount to add
	 * @return the sum
	 * @throws ArithmeticException if the sum overflows
	 * @throws IllegalArgumentException if the currencies differ
	 */
	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.addExact(this.amount, other.amount), this.currency);
	}

	/**
	 * Multiplies the amount by a quantity.
	 * @param quantity the multiplier
	 * @return the product
	 * @throws ArithmeticException if the product overflows
	 */
	public Money times(long quantity) {
		return new Money(Math.multiplyExact(this.amount, quantity), this.currency);
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("cannot combine " + this.currency + " and " + other.currency);
		}
	}

}
