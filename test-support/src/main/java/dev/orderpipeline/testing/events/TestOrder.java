package dev.orderpipeline.testing.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.orderpipeline.events.kafka.OutgoingEvent;

/**
 * One test order, built fluently from {@link TestOrders#order()}, and the events
 * order-service publishes for it. Immutable: every setter returns a changed copy, so a
 * test can derive variants from one order. Totals always agree with the lines (subtotal =
 * the line totals, total = subtotal + tax) and every amount is in the order's currency.
 * {@link #placed()} and {@link #cancelled()} are the CloudEvents records in the order's
 * {@link #version(int) version}; {@link OrderEventRecords} builds them.
 */
public final class TestOrder {

	/** Used when a test gives no line: 2 × SKU-1 "Pen" at 12.50. */
	static final TestLine DEFAULT_LINE = new TestLine("SKU-1", "Pen", 2, 1250);

	private final OrderFields fields;

	TestOrder(OrderFields fields) {
		this.fields = fields;
	}

	// The fluent setters, each a changed copy.

	public TestOrder id(UUID id) {
		return with((f) -> f.id = id);
	}

	/**
	 * The tenant its events carry, or null for events from before tenancy
	 * ({@code default}).
	 */
	public TestOrder tenant(String tenant) {
		return with((f) -> f.tenant = tenant);
	}

	public TestOrder customer(String customerId, String email) {
		return with((f) -> {
			f.customerId = customerId;
			f.email = email;
		});
	}

	public TestOrder currency(String currency) {
		return with((f) -> f.currency = currency);
	}

	/** Adds a {@link TestLine}; the first one replaces the default line. */
	public TestOrder line(String sku, String productName, int quantity, long unitPrice) {
		return line(new TestLine(sku, productName, quantity, unitPrice));
	}

	/**
	 * Adds a line of product "Product " + sku; the first one replaces the default line.
	 */
	public TestOrder line(String sku, int quantity, long unitPrice) {
		return line(new TestLine(sku, quantity, unitPrice));
	}

	public TestOrder line(TestLine line) {
		return with((f) -> f.lines.add(line));
	}

	/** Replaces all lines (none means the default line). */
	public TestOrder lines(TestLine... lines) {
		return lines(List.of(lines));
	}

	/** Replaces all lines (none means the default line). */
	public TestOrder lines(List<TestLine> lines) {
		return with((f) -> f.lines = new ArrayList<>(lines));
	}

	/** The tax in minor units; the total is the subtotal plus this. */
	public TestOrder tax(long tax) {
		return with((f) -> f.tax = tax);
	}

	/** The tax as a whole percentage of the subtotal (rounded down). */
	public TestOrder taxPercent(int percent) {
		return with((f) -> {
			f.tax = null;
			f.taxPercent = percent;
		});
	}

	public TestOrder placedAt(Instant placedAt) {
		return with((f) -> f.placedAt = placedAt);
	}

	/** Marks the order cancelled at that time; its cancellation event carries it. */
	public TestOrder cancelledAt(Instant cancelledAt) {
		return with((f) -> f.cancelledAt = cancelledAt);
	}

	/** The cancellation's reason, or null for none. */
	public TestOrder reason(String reason) {
		return with((f) -> f.reason = reason);
	}

	/** The cancellation's sequence number (2 unless told), to build gaps. */
	public TestOrder cancelledSequence(long sequence) {
		return with((f) -> f.cancelledSequence = sequence);
	}

	/**
	 * The major version {@link #placed()} and {@link #cancelled()} encode: 1, or 2 (the
	 * default).
	 */
	public TestOrder version(int version) {
		return with((f) -> f.version = OrderEventRecords.published(version));
	}

	/** Records carry {@link TestOrders#TRACEPARENT}, as if the request was traced. */
	public TestOrder traced() {
		return traceparent(TestOrders.TRACEPARENT);
	}

	/** Records carry that W3C {@code traceparent}, or none for null. */
	public TestOrder traceparent(String traceparent) {
		return with((f) -> f.traceparent = traceparent);
	}

	/**
	 * No schema check, for events a consumer must reject (an email the schema refuses,
	 * say).
	 */
	public TestOrder unchecked() {
		return with((f) -> f.schemaChecked = false);
	}

	private TestOrder with(Consumer<OrderFields> change) {
		OrderFields copy = this.fields.copy();
		change.accept(copy);
		return new TestOrder(copy);
	}

	// What the order is.

	public UUID id() {
		return this.fields.id;
	}

	/** The tenant its events carry, or null for events from before tenancy. */
	public String tenant() {
		return this.fields.tenant;
	}

	public String customerId() {
		return this.fields.customerId;
	}

	public String email() {
		return this.fields.email;
	}

	public String currency() {
		return this.fields.currency;
	}

	public List<TestLine> lines() {
		return this.fields.lines.isEmpty() ? List.of(DEFAULT_LINE) : this.fields.lines;
	}

	public long subtotal() {
		return lines().stream().mapToLong(TestLine::lineTotal).sum();
	}

	public long tax() {
		return (this.fields.tax != null) ? this.fields.tax : subtotal() * this.fields.taxPercent / 100;
	}

	public long total() {
		return subtotal() + tax();
	}

	public Instant placedAt() {
		return this.fields.placedAt;
	}

	public LocalDate placedDay() {
		return LocalDate.ofInstant(this.fields.placedAt, ZoneOffset.UTC);
	}

	/** Whether a test {@link #cancelledAt(Instant) cancelled} the order. */
	public boolean isCancelled() {
		return this.fields.cancelledAt != null;
	}

	/**
	 * The time a test gave, else the placement's: never in the future of an order placed
	 * now.
	 */
	public Instant cancelledAt() {
		return (this.fields.cancelledAt != null) ? this.fields.cancelledAt : this.fields.placedAt;
	}

	public LocalDate cancelledDay() {
		return LocalDate.ofInstant(cancelledAt(), ZoneOffset.UTC);
	}

	public int version() {
		return this.fields.version;
	}

	// The events.

	/** The {@code order.placed} record (a new event id on every call). */
	public OutgoingEvent placed() {
		return placed(UUID.randomUUID());
	}

	/** The {@code order.placed} record with that event id ({@code ce_id}). */
	public OutgoingEvent placed(UUID eventId) {
		return records().placed(eventId);
	}

	/** The {@code order.cancelled} record (a new event id on every call). */
	public OutgoingEvent cancelled() {
		return cancelled(UUID.randomUUID());
	}

	/** The {@code order.cancelled} record with that event id ({@code ce_id}). */
	public OutgoingEvent cancelled(UUID eventId) {
		return records().cancelled(eventId);
	}

	/** The event records themselves, in each version (for the kit's own tests). */
	OrderEventRecords records() {
		return new OrderEventRecords(this, this.fields);
	}

	@Override
	public String toString() {
		return "TestOrder " + this.fields.id + " of " + this.fields.tenant + ": " + lines() + ", total " + total() + " "
				+ this.fields.currency;
	}

}
