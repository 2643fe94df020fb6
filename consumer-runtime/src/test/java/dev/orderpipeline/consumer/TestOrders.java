package dev.orderpipeline.consumer;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV1;
import dev.orderpipeline.events.order.OrderPlacedV1;
import dev.orderpipeline.events.order.OrderPlacedV2;

/** Real CloudEvents records for the tests, built with common-events' encoder. */
final class TestOrders {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final EventEncoder validating = EventEncoder.validating(new EventSchemas());

	private static final EventEncoder trusting = new EventEncoder();

	private TestOrders() {
	}

	static OutgoingEvent placed(UUID orderId) {
		return placed(orderId, "ada@example.com", validating);
	}

	/** An order.placed.v1 whose email breaks the schema's {@code format: email}. */
	static OutgoingEvent placedWithInvalidEmail(UUID orderId) {
		return placed(orderId, "not-an-email", trusting);
	}

	static OutgoingEvent placedV2(UUID orderId) {
		Money price = Money.of(1250, "EUR");
		return validating.encode(new OrderPlacedV2(orderId, 1, new OrderPlacedV2.Customer("c-1", "ada@example.com"),
				List.of(new OrderPlacedV2.Line("SKU-1", "Pen", 2, price, Money.of(2500, "EUR"))),
				new OrderPlacedV2.Totals(Money.of(2500, "EUR"), Money.of(0, "EUR"), Money.of(2500, "EUR")), now(),
				"acme"), metadata());
	}

	static OutgoingEvent cancelled(UUID orderId) {
		return cancelled(orderId, 2);
	}

	/** A cancellation with any sequence, to build gaps. */
	static OutgoingEvent cancelled(UUID orderId, long sequence) {
		return validating.encode(new OrderCancelledV1(orderId, sequence,
				List.of(new OrderCancelledV1.ReleasedLine("SKU-1", 2)), now(), "changed my mind", "acme"), metadata());
	}

	private static OutgoingEvent placed(UUID orderId, String email, EventEncoder encoder) {
		Money price = Money.of(1250, "EUR");
		return encoder.encode(
				new OrderPlacedV1(orderId, 1, "c-1", email,
						List.of(new OrderPlacedV1.Line("SKU-1", "Pen", 2, price, Money.of(2500, "EUR"))),
						Money.of(2500, "EUR"), Money.of(0, "EUR"), Money.of(2500, "EUR"), "EUR", now(), "acme"),
				metadata());
	}

	private static EventMetadata metadata() {
		return EventMetadata.newEvent(URI.create("/order-service"))
			.withTraceContext("00-" + TRACE_ID + "-00f067aa0ba902b7-01", null);
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
