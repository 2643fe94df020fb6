package dev.orderpipeline.orders.order.domain;

/**
 * Why a caller cancelled an order: free text shown to the customer and to support, so it
 * is bounded and printable. Published in {@code order.cancelled.v2}, whose schema allows
 * at most {@value #MAX_LENGTH} characters.
 *
 * @param text the reason, trimmed
 */
public record CancelReason(String text) {

	public static final int MAX_LENGTH = 500;

	public CancelReason {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a reason must not be blank; leave it out instead");
		}
		text = text.strip();
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("a reason has at most " + MAX_LENGTH + " characters");
		}
		if (text.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n')) {
			throw new IllegalArgumentException("a reason must not contain control characters");
		}
	}

}
