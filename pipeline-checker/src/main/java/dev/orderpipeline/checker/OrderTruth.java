package dev.orderpipeline.checker;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One order as it really is: read from the orders database, or declared by whoever
 * published events for it from outside order-service (the fault-injection suite does, for
 * the reordered orders its outside producer publishes). Consumers' effects are compared
 * with this.
 *
 * @param orderId the order
 * @param tenantId its tenant
 * @param customerId who placed it
 * @param customerEmail where its emails go
 * @param cancelled whether it is cancelled
 * @param currency ISO 4217 code of every amount
 * @param subtotal minor units
 * @param tax minor units
 * @param total minor units
 * @param placedAt when it was committed
 * @param cancelledAt when it was cancelled, or {@code null}
 * @param eventSequence the sequence of its latest event (1 placed, 2 cancelled)
 * @param lines its lines in line order
 * @param committed whether order-service committed it (false for declared orders: they
 * have no outbox and reserve no stock)
 */
public record OrderTruth(UUID orderId, String tenantId, String customerId, String customerEmail, boolean cancelled,
		String currency, long subtotal, long tax, long total, Instant placedAt, Instant cancelledAt, long eventSequence,
		List<Line> lines, boolean committed) {

	public OrderTruth {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(placedAt, "placedAt");
		lines = List.copyOf(lines);
		if (cancelled != (cancelledAt != null)) {
			throw new IllegalArgumentException(orderId + ": cancelled and cancelledAt disagree");
		}
	}

	public String status() {
		return this.cancelled ? "CANCELLED" : "PLACED";
	}

	LocalDate placedDay() {
		return LocalDate.ofInstant(this.placedAt, ZoneOffset.UTC);
	}

	LocalDate cancelledDay() {
		return (this.cancelledAt != null) ? LocalDate.ofInstant(this.cancelledAt, ZoneOffset.UTC) : null;
	}

	/**
	 * One ordered line.
	 *
	 * @param sku the product
	 * @param productName its name when the order was placed
	 * @param quantity units
	 * @param unitPrice minor units
	 * @param lineTotal minor units
	 */
	public record Line(String sku, String productName, int quantity, long unitPrice, long lineTotal) {

	}

}
