package dev.orderpipeline.search;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.ProducerFactory;

/**
 * Builds real CloudEvents order events (schema-checked) and sends them to
 * {@code order-events} with Boot's producer settings, which carry the test broker's
 * connection details in either infrastructure mode.
 */
public final class TestOrders {

	private static final EventEncoder encoder = EventEncoder.validating(new EventSchemas());

	private static final URI SOURCE = URI.create("/order-service");

	/** The tenant of test orders unless a test says otherwise. */
	public static final String TENANT = "acme";

	private TestOrders() {
	}

	/**
	 * One line of a test order.
	 *
	 * @param sku the SKU
	 * @param productName the product name
	 * @param quantity units
	 * @param unitPrice minor units, EUR
	 */
	public record Line(String sku, String productName, int quantity, long unitPrice) {

		long total() {
			return this.quantity * this.unitPrice;
		}

	}

	public static OutgoingEvent placedV1(UUID orderId, String customerId, String email, Instant placedAt,
			Line... lines) {
		return placedV1(TENANT, orderId, customerId, email, placedAt, lines);
	}

	/**
	 * A v1 placement of a tenant.
	 * @param tenant the tenant, or null for an event from before tenancy
	 */
	public static OutgoingEvent placedV1(String tenant, UUID orderId, String customerId, String email, Instant placedAt,
			Line... lines) {
		long subtotal = subtotal(lines);
		List<OrderPlacedV1.Line> v1Lines = new ArrayList<>();
		for (Line line : lines) {
			v1Lines.add(new OrderPlacedV1.Line(line.sku(), line.productName(), line.quantity(), eur(line.unitPrice()),
					eur(line.total())));
		}
		return encoder.encode(new OrderPlacedV1(orderId, 1, customerId, email, v1Lines, eur(subtotal),
				eur(tax(subtotal)), eur(subtotal + tax(subtotal)), "EUR", placedAt, tenant),
				EventMetadata.newEvent(SOURCE));
	}

	public static OutgoingEvent placedV2(UUID orderId, String customerId, String email, Instant placedAt,
			Line... lines) {
		return placedV2(TENANT, orderId, customerId, email, placedAt, lines);
	}

	/**
	 * A v2 placement of a tenant.
	 * @param tenant the tenant, or null for an event from before tenancy
	 */
	public static OutgoingEvent placedV2(String tenant, UUID orderId, String customerId, String email, Instant placedAt,
			Line... lines) {
		long subtotal = subtotal(lines);
		List<OrderPlacedV2.Line> v2Lines = new ArrayList<>();
		for (Line line : lines) {
			v2Lines.add(new OrderPlacedV2.Line(line.sku(), line.productName(), line.quantity(), eur(line.unitPrice()),
					eur(line.total())));
		}
		return encoder.encode(new OrderPlacedV2(orderId, 1, new OrderPlacedV2.Customer(customerId, email), v2Lines,
				new OrderPlacedV2.Totals(eur(subtotal), eur(tax(subtotal)), eur(subtotal + tax(subtotal))), placedAt,
				tenant), EventMetadata.newEvent(SOURCE));
	}

	public static OutgoingEvent cancelled(UUID orderId, Instant cancelledAt, String reason) {
		return cancelled(TENANT, orderId, cancelledAt, reason);
	}

	/**
	 * A cancellation of a tenant's order.
	 * @param tenant the tenant, or null for an event from before tenancy
	 */
	public static OutgoingEvent cancelled(String tenant, UUID orderId, Instant cancelledAt, String reason) {
		return encoder.encode(new OrderCancelledV1(orderId, 2, List.of(new OrderCancelledV1.ReleasedLine("ANY", 1)),
				cancelledAt, reason, tenant), EventMetadata.newEvent(SOURCE));
	}

	public static void send(ProducerFactory<?, ?> producerFactory, List<OutgoingEvent> events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (OutgoingEvent event : events) {
				producer.send(event.toProducerRecord()).get();
			}
		}
	}

	private static long subtotal(Line... lines) {
		long subtotal = 0;
		for (Line line : lines) {
			subtotal += line.total();
		}
		return subtotal;
	}

	private static long tax(long subtotal) {
		return subtotal / 10;
	}

	private static Money eur(long amount) {
		return Money.of(amount, "EUR");
	}

}
