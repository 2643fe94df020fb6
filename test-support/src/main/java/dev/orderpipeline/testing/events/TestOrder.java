package dev.orderpipeline.testing.events;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * One test order, built fluently from {@link TestOrders#order()}, and the events
 * order-service publishes for it. Immutable: every setter returns a changed copy, so a
 * test can derive variants from one order. Totals always agree with the lines (subtotal =
 * the line totals, total = subtotal + tax) and every amount is in the order's currency.
 * <p>
 * {@link #placed()} and {@link #cancelled()} are the CloudEvents records in the
 * {@link #version(int) version} the order was given (the newest unless a test asks for
 * another), schema-checked and with a new event id on every call; {@link #placedV1()},
 * {@link #placedV2()}, {@link #cancelledV1()} and {@link #cancelledV2()} are the event
 * records themselves.
 */
public final class TestOrder {

	/** Used when a test gives no line: 2 × SKU-1 "Pen" at 12.50. */
	static final Line DEFAULT_LINE = new Line("SKU-1", "Pen", 2, 1250);

	private static final URI SOURCE = URI.create("/order-service");

	private final OrderFields fields;

	TestOrder(OrderFields fields) {
		this.fields = fields;
	}

	// The fluent setters, each a changed copy.

	public TestOrder id(UUID id) {
		return with((f) -> f.id = id);
	}

	/**
	 * The tenant its events carry.
	 * @param tenant the tenant, or null for events from before tenancy (tenant
	 * {@code default}; {@code order.cancelled.v2} then says {@code default})
	 * @return the changed order
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

	public TestOrder email(String email) {
		return with((f) -> f.email = email);
	}

	public TestOrder currency(String currency) {
		return with((f) -> f.currency = currency);
	}

	/**
	 * Adds a line; the first one replaces the default line.
	 * @param sku the SKU
	 * @param productName the product name
	 * @param quantity units
	 * @param unitPrice minor units of the order's currency
	 * @return the changed order
	 */
	public TestOrder line(String sku, String productName, int quantity, long unitPrice) {
		return line(new Line(sku, productName, quantity, unitPrice));
	}

	/**
	 * Adds a line of product "Product " + sku; the first one replaces the default line.
	 */
	public TestOrder line(String sku, int quantity, long unitPrice) {
		return line(new Line(sku, quantity, unitPrice));
	}

	public TestOrder line(Line line) {
		return with((f) -> f.lines.add(line));
	}

	/** Replaces all lines (none means the default line). */
	public TestOrder lines(Line... lines) {
		return lines(List.of(lines));
	}

	/** Replaces all lines (none means the default line). */
	public TestOrder lines(List<Line> lines) {
		return with((f) -> {
			f.lines.clear();
			f.lines.addAll(lines);
		});
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

	/** The placement's sequence number (1 unless told). */
	public TestOrder placedSequence(long sequence) {
		return with((f) -> f.placedSequence = sequence);
	}

	/** The cancellation's sequence number (2 unless told), to build gaps. */
	public TestOrder cancelledSequence(long sequence) {
		return with((f) -> f.cancelledSequence = sequence);
	}

	/**
	 * The major version of the {@code order.placed} and {@code order.cancelled} records
	 * {@link #placed()} and {@link #cancelled()} build.
	 * @param version 1 or 2 (the newest, the default)
	 * @return the changed order
	 */
	public TestOrder version(int version) {
		if (version != 1 && version != 2) {
			throw new IllegalArgumentException("No order events of version " + version);
		}
		return with((f) -> f.version = version);
	}

	/** Records carry {@link TestOrders#TRACEPARENT}, as if the request was traced. */
	public TestOrder traced() {
		return traceparent(TestOrders.TRACEPARENT);
	}

	public TestOrder traceparent(String traceparent) {
		return with((f) -> f.traceparent = traceparent);
	}

	/**
	 * Records are encoded without the schema check, for events a consumer must reject (an
	 * email the schema's {@code format: email} refuses, say).
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

	public List<Line> lines() {
		return this.fields.lines.isEmpty() ? List.of(DEFAULT_LINE) : this.fields.lines;
	}

	public long subtotal() {
		return lines().stream().mapToLong(Line::lineTotal).sum();
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
	 * When the cancellation happened: the time a test gave, else the placement's time (a
	 * cancellation never lies in the future of a test that placed the order now).
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
		return encode((this.fields.version == 1) ? placedV1() : placedV2(), eventId);
	}

	/** The {@code order.cancelled} record (a new event id on every call). */
	public OutgoingEvent cancelled() {
		return cancelled(UUID.randomUUID());
	}

	/** The {@code order.cancelled} record with that event id ({@code ce_id}). */
	public OutgoingEvent cancelled(UUID eventId) {
		return encode((this.fields.version == 1) ? cancelledV1() : cancelledV2(), eventId);
	}

	public OrderPlacedV1 placedV1() {
		return new OrderPlacedV1(this.fields.id, this.fields.placedSequence, this.fields.customerId, this.fields.email,
				lines().stream()
					.map((line) -> new OrderPlacedV1.Line(line.sku(), line.productName(), line.quantity(),
							money(line.unitPrice()), money(line.lineTotal())))
					.toList(),
				money(subtotal()), money(tax()), money(total()), this.fields.currency, this.fields.placedAt,
				this.fields.tenant);
	}

	public OrderPlacedV2 placedV2() {
		return new OrderPlacedV2(this.fields.id, this.fields.placedSequence, customerV2(), linesV2(), totalsV2(),
				this.fields.placedAt, this.fields.tenant);
	}

	public OrderCancelledV1 cancelledV1() {
		return new OrderCancelledV1(this.fields.id, this.fields.cancelledSequence,
				lines().stream().map((line) -> new OrderCancelledV1.ReleasedLine(line.sku(), line.quantity())).toList(),
				cancelledAt(), this.fields.reason, this.fields.tenant);
	}

	public OrderCancelledV2 cancelledV2() {
		return new OrderCancelledV2(this.fields.id, this.fields.cancelledSequence,
				(this.fields.tenant != null) ? this.fields.tenant : "default", customerV2(), linesV2(), totalsV2(),
				cancelledAt(), this.fields.reason);
	}

	private OutgoingEvent encode(IntegrationEvent event, UUID eventId) {
		EventMetadata metadata = new EventMetadata(eventId, SOURCE, this.fields.traceparent, null, null);
		return this.fields.schemaChecked ? TestOrders.encode(event, metadata)
				: TestOrders.encodeUnchecked(event, metadata);
	}

	private OrderPlacedV2.Customer customerV2() {
		return new OrderPlacedV2.Customer(this.fields.customerId, this.fields.email);
	}

	private List<OrderPlacedV2.Line> linesV2() {
		return lines().stream()
			.map((line) -> new OrderPlacedV2.Line(line.sku(), line.productName(), line.quantity(),
					money(line.unitPrice()), money(line.lineTotal())))
			.toList();
	}

	private OrderPlacedV2.Totals totalsV2() {
		return new OrderPlacedV2.Totals(money(subtotal()), money(tax()), money(total()));
	}

	private Money money(long amount) {
		return Money.of(amount, this.fields.currency);
	}

	@Override
	public String toString() {
		return "TestOrder " + this.fields.id + " of " + this.fields.tenant + ": " + lines() + ", total " + total() + " "
				+ this.fields.currency;
	}

	/**
	 * One line of a test order.
	 *
	 * @param sku the SKU
	 * @param productName the product name
	 * @param quantity units
	 * @param unitPrice minor units of the order's currency
	 */
	public record Line(String sku, String productName, int quantity, long unitPrice) {

		/** A line of product "Product " + sku. */
		public Line(String sku, int quantity, long unitPrice) {
			this(sku, "Product " + sku, quantity, unitPrice);
		}

		public long lineTotal() {
			return this.quantity * this.unitPrice;
		}

	}

}
