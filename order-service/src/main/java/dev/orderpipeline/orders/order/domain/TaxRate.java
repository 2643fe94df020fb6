package dev.orderpipeline.orders.order.domain;

import java.math.BigInteger;

import dev.orderpipeline.orders.money.AmountOverflowException;
import dev.orderpipeline.orders.money.Money;

/**
 * A tax rate in basis points (1/100 of a percent): 2000 is 20 %.
 *
 * <p>
 * Rounding rule: tax is computed once, on the order subtotal (not per line), and rounded
 * half-up to the minor unit:
 * {@code tax = floor((subtotal * basisPoints + 5000) / 10000)}. Computing on the subtotal
 * means the tax never depends on how the customer split the basket into lines. The
 * intermediate product is a {@link BigInteger}, so only a tax that itself does not fit in
 * a {@code long} overflows.
 */
public record TaxRate(int basisPoints) {

	private static final BigInteger BASIS_POINTS_PER_UNIT = BigInteger.valueOf(10_000);

	private static final BigInteger HALF = BigInteger.valueOf(5_000);

	public TaxRate {
		if (basisPoints < 0 || basisPoints > 10_000) {
			throw new IllegalArgumentException("Tax rate must be between 0 and 10000 basis points: " + basisPoints);
		}
	}

	public Money taxOn(Money subtotal) {
		BigInteger tax = BigInteger.valueOf(subtotal.amount())
			.multiply(BigInteger.valueOf(this.basisPoints))
			.add(HALF)
			.divide(BASIS_POINTS_PER_UNIT);
		if (tax.bitLength() >= Long.SIZE) {
			throw new AmountOverflowException("Tax on " + subtotal + " exceeds the largest representable amount");
		}
		return new Money(tax.longValueExact(), subtotal.currency());
	}

}
