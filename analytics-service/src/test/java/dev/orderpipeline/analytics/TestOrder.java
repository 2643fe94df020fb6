package dev.orderpipeline.analytics;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/**
 * A test order and the real CloudEvents records order-service would publish for it.
 *
 * @param id the order id
 * @param placedAt when it was placed
 * @param currency its currency
 * @param lines its lines
 * @param cancelledAt when it was cancelled, or null
 * @param version the major version of its {@code order.placed} and
 * {@code order.cancelled} events
 * @param tenantId the tenant its events carry, or null for events from before tenancy
 * (tenant {@code default})
 */
public record TestOrder(UUID id, Instant placedAt, String currency, List<Line> lines, Instant cancelledAt, int version,
		String tenantId) {

	/** The tenant of test orders unless a test says otherwise. */
	public static final String TENANT = "acme";

	private static final EventEncoder encoder = EventEncoder.validating(new EventSchemas());

	public static TestOrder placed(Instant placedAt, String currency, int version, Line... lines) {
		return new TestOrder(UUID.randomUUID(), placedAt, currency, List.of(lines), null, version, TENANT);
	}

	public TestOrder cancelledAt(Instant at) {
		return new TestOrder(this.id, this.placedAt, this.currency, this.lines, at, this.version, this.tenantId);
	}

	/**
	 * The same order in another tenant.
	 * @param tenant the tenant, or null for events without one (tenant {@code default})
	 * @return the order
	 */
	public TestOrder inTenant(String tenant) {
		return new TestOrder(this.id, this.placedAt, this.currency, this.lines, this.cancelledAt, this.version, tenant);
	}

	public LocalDate placedDay() {
		return LocalDate.ofInstant(this.placedAt, ZoneOffset.UTC);
	}

	public LocalDate cancelledDay() {
		return LocalDate.ofInstant(this.cancelledAt, ZoneOffset.UTC);
	}

	public boolean cancelled() {
		return this.cancelledAt != null;
	}

	/** The order total; no tax, so it is the sum of the line totals. */
	public long total() {
		return this.lines.stream().mapToLong(Line::lineTotal).sum();
	}

	/** A new {@code order.placed} event (a new event id on every call). */
	public OutgoingEvent placedEvent() {
		Money total = Money.of(total(), this.currency);
		Money zero = Money.of(0, this.currency);
		if (this.version == 1) {
			return encoder.encode(new OrderPlacedV1(this.id, 1, "c-1", "ada@example.com",
					this.lines.stream()
						.map((line) -> new OrderPlacedV1.Line(line.sku(), "Product " + line.sku(), line.quantity(),
								Money.of(line.unitPrice(), this.currency), Money.of(line.lineTotal(), this.currency)))
						.toList(),
					total, zero, total, this.currency, this.placedAt, this.tenantId), metadata());
		}
		return encoder.encode(
				new OrderPlacedV2(this.id, 1, customerV2(), linesV2(), totalsV2(), this.placedAt, this.tenantId),
				metadata());
	}

	/** A new {@code order.cancelled} event (a new event id on every call). */
	public OutgoingEvent cancelledEvent() {
		if (this.version == 2) {
			String tenant = (this.tenantId != null) ? this.tenantId : "default";
			return encoder.encode(new OrderCancelledV2(this.id, 2, tenant, customerV2(), linesV2(), totalsV2(),
					this.cancelledAt, "changed my mind"), metadata());
		}
		return encoder.encode(new OrderCancelledV1(this.id, 2,
				this.lines.stream()
					.map((line) -> new OrderCancelledV1.ReleasedLine(line.sku(), line.quantity()))
					.toList(),
				this.cancelledAt, "changed my mind", this.tenantId), metadata());
	}

	private OrderPlacedV2.Customer customerV2() {
		return new OrderPlacedV2.Customer("c-2", "bob@example.com");
	}

	private List<OrderPlacedV2.Line> linesV2() {
		return this.lines.stream()
			.map((line) -> new OrderPlacedV2.Line(line.sku(), "Product " + line.sku(), line.quantity(),
					Money.of(line.unitPrice(), this.currency), Money.of(line.lineTotal(), this.currency)))
			.toList();
	}

	private OrderPlacedV2.Totals totalsV2() {
		Money total = Money.of(total(), this.currency);
		return new OrderPlacedV2.Totals(total, Money.of(0, this.currency), total);
	}

	private static EventMetadata metadata() {
		return EventMetadata.newEvent(URI.create("/order-service"));
	}

	/**
	 * One line.
	 *
	 * @param sku the product
	 * @param quantity units
	 * @param unitPrice minor units
	 */
	public record Line(String sku, int quantity, long unitPrice) {

		public long lineTotal() {
			return this.quantity * this.unitPrice;
		}

	}

}
