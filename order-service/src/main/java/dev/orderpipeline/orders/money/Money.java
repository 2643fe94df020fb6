package dev.orderpipeline.orders.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units of an ISO 4217 currency. Never floating
 * point; arithmetic that would leave the range of {@code long} raises
 * {@link AmountOverflowException} instead of wrapping around.
 */
public record Money(long amount, Currency currency) {

	public Money {
		Objects.requireNonNull(currency, "currency");
		if (amount < 0) {
			throw new IllegalArgumentException("Money is never negative here: " + amount);
		}
	}

	public static Money of(long amount, String currencyCode) {
		return new Money(amount, Currency.getInstance(currencyCode));
	}

	public static Money zero(Currency currency) {
		return new Money(0, currency);
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		try {
			return new Money(Math.addExact(this.amount, other.amount), this.currency);
		}
		catch (ArithmeticException ex) {
			throw new AmountOverflowException(this + " + " + other + " exceeds the largest representable amount");
		}
	}

	public Money times(long quantity) {
		if (quantity < 0) {
			throw new IllegalArgumentException("Quantity is never negative: " + quantity);
		}
		try {
			return new Money(Math.multiplyExact(this.amount, quantity), this.currency);
		}
		catch (ArithmeticException ex) {
			throw new AmountOverflowException(this + " x " + quantity + " exceeds the largest representable amount");
		}
	}

	public String currencyCode() {
		return this.currency.getCurrencyCode();
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot combine " + this.currency + " with " + other.currency);
		}
	}

	@Override
	public String toString() {
		return this.amount + " " + this.currency.getCurrencyCode() + " (minor units)";
	}

}
