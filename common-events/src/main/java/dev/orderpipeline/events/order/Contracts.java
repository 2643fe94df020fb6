package dev.orderpipeline.events.order;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.orderpipeline.events.Money;

/** Checks shared by the record constructors. */
final class Contracts {

	private Contracts() {
	}

	static <T> T required(T value, String name) {
		return Objects.requireNonNull(value, () -> name + " is required");
	}

	static long sequence(long sequence) {
		if (sequence < 1) {
			throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
		}
		return sequence;
	}

	static int quantity(int quantity) {
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
		return quantity;
	}

	/**
	 * An order is priced in one currency; an event that mixes currencies is a producer
	 * bug that consumers summing amounts would silently get wrong.
	 */
	static void sameCurrency(String currency, Stream<Money> amounts) {
		amounts.forEach((money) -> {
			if (!money.currency().equals(currency)) {
				throw new IllegalArgumentException(
						"all amounts must be in " + currency + ", found " + money.amount() + " " + money.currency());
			}
		});
	}

	/**
	 * An optional tenant id: absent is fine (older events), blank is a producer bug.
	 */
	static String optionalTenant(String tenantId) {
		if (tenantId != null && tenantId.isBlank()) {
			throw new IllegalArgumentException("tenantId must not be blank when present");
		}
		return tenantId;
	}

	static String tenantOrDefault(String tenantId) {
		return (tenantId != null) ? tenantId : OrderEvent.DEFAULT_TENANT;
	}

	static <T> List<T> nonEmpty(List<T> values, String name) {
		List<T> copy = List.copyOf(required(values, name));
		if (copy.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return copy;
	}

}
