package __PACKAGE__;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.events.order.OrderCancelledV2;
import dev.orderpipeline.events.order.OrderPlacedV2;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.ProducerFactory;

/**
 * A test order and the CloudEvents records order-service publishes for it, sent to the
 * real broker with Boot's producer settings.
 *
 * @param id the order
 * @param tenantId its tenant
 * @param customerId who placed it
 * @param total its total in EUR minor units (one line, no tax)
 */
record TestOrder(UUID id, String tenantId, String customerId, long total) {

	private static final EventEncoder encoder = EventEncoder.validating(new EventSchemas());

	static TestOrder of(String customerId, long total) {
		return new TestOrder(UUID.randomUUID(), "acme", customerId, total);
	}

	/** A new {@code order.placed.v2} (a new event id on every call). */
	OutgoingEvent placed() {
		return encoder.encode(
				new OrderPlacedV2(this.id, 1, customer(), lines(), totals(), Instant.now(), this.tenantId), metadata());
	}

	/** A new {@code order.cancelled.v2} (a new event id on every call). */
	OutgoingEvent cancelled() {
		return encoder.encode(new OrderCancelledV2(this.id, 2, this.tenantId, customer(), lines(), totals(),
				Instant.now(), "changed my mind"), metadata());
	}

	static void send(ProducerFactory<?, ?> producerFactory, OutgoingEvent... events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (OutgoingEvent event : events) {
				producer.send(event.toProducerRecord()).get(60, TimeUnit.SECONDS);
			}
		}
	}

	private OrderPlacedV2.Customer customer() {
		return new OrderPlacedV2.Customer(this.customerId, this.customerId + "@example.com");
	}

	private List<OrderPlacedV2.Line> lines() {
		Money total = Money.of(this.total, "EUR");
		return List.of(new OrderPlacedV2.Line("SKU-1", "Product SKU-1", 1, total, total));
	}

	private OrderPlacedV2.Totals totals() {
		Money total = Money.of(this.total, "EUR");
		return new OrderPlacedV2.Totals(total, Money.of(0, "EUR"), total);
	}

	private static EventMetadata metadata() {
		return EventMetadata.newEvent(URI.create("/order-service"));
	}

}
