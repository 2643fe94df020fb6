package dev.orderpipeline.orders.money;

/**
 * An amount left the range of {@code long} minor units. Bad input, not a server fault:
 * the caller asked for more money than the system represents.
 */
public class AmountOverflowException extends RuntimeException {

	public AmountOverflowException(String message) {
		super(message);
	}

}
