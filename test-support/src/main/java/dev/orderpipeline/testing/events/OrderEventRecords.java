package dev.orderpipeline.testing.events;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * The event records of one {@link TestOrder} in each published version, and their
 * CloudEvents encoding. Kept apart from the order's fluent setters so that a new contract
 * version changes this class only.
 */
final class OrderEventRecords {

	private static final URI SOURCE = URI.create("/order-service");

	private final TestOrder order;

	private final OrderFields fields;

	OrderEventRecords(TestOrder order, OrderFields fields) {
		this.order = order;
		this.fields = fields;
	}

	/** The version, if this class builds records of it. */
	static int published(int version) {
		if (version != 1 && version != 2) {
			throw new IllegalArgumentException("No order events of version " + version);
		}
		return version;
	}

	OrderPlacedV1 placedV1() {
		return new OrderPlacedV1(this.fields.id, this.fields.placedSequence, this.fields.customerId, this.fields.email,
				this.order.lines()
					.stream()
					.map((line) -> new OrderPlacedV1.Line(line.sku(), line.productName(), line.quantity(),
							money(line.unitPrice()), money(line.lineTotal())))
					.toList(),
				money(this.order.subtotal()), money(this.order.tax()), money(this.order.total()), this.fields.currency,
				this.fields.placedAt, this.fields.tenant);
	}

	OrderPlacedV2 placedV2() {
		return new OrderPlacedV2(this.fields.id, this.fields.placedSequence, customerV2(), linesV2(), totalsV2(),
				this.fields.placedAt, this.fields.tenant);
	}

	OrderCancelledV1 cancelledV1() {
		return new OrderCancelledV1(this.fields.id, this.fields.cancelledSequence,
				this.order.lines()
					.stream()
					.map((line) -> new OrderCancelledV1.ReleasedLine(line.sku(), line.quantity()))
					.toList(),
				this.order.cancelledAt(), this.fields.reason, this.fields.tenant);
	}

	OrderCancelledV2 cancelledV2() {
		return new OrderCancelledV2(this.fields.id, this.fields.cancelledSequence,
				(this.fields.tenant != null) ? this.fields.tenant : "default", customerV2(), linesV2(), totalsV2(),
				this.order.cancelledAt(), this.fields.reason);
	}

	/**
	 * The {@code order.placed} record of the order's version, as order-service publishes
	 * it.
	 */
	OutgoingEvent placed(UUID eventId) {
		return encode((this.fields.version == 1) ? placedV1() : placedV2(), eventId);
	}

	/** The {@code order.cancelled} record of the order's version. */
	OutgoingEvent cancelled(UUID eventId) {
		return encode((this.fields.version == 1) ? cancelledV1() : cancelledV2(), eventId);
	}

	/** Schema-checked unless the order says {@link TestOrder#unchecked() not}. */
	private OutgoingEvent encode(IntegrationEvent event, UUID eventId) {
		EventMetadata metadata = new EventMetadata(eventId, SOURCE, this.fields.traceparent, null, null);
		return this.fields.schemaChecked ? TestOrders.encode(event, metadata)
				: TestOrders.encodeUnchecked(event, metadata);
	}

	private OrderPlacedV2.Customer customerV2() {
		return new OrderPlacedV2.Customer(this.fields.customerId, this.fields.email);
	}

	private List<OrderPlacedV2.Line> linesV2() {
		return this.order.lines()
			.stream()
			.map((line) -> new OrderPlacedV2.Line(line.sku(), line.productName(), line.quantity(),
					money(line.unitPrice()), money(line.lineTotal())))
			.toList();
	}

	private OrderPlacedV2.Totals totalsV2() {
		return new OrderPlacedV2.Totals(money(this.order.subtotal()), money(this.order.tax()),
				money(this.order.total()));
	}

	private Money money(long amount) {
		return Money.of(amount, this.fields.currency);
	}

}
