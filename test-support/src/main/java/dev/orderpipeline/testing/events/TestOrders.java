package dev.orderpipeline.testing.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.ProducerFactory;

/**
 * The test kit's entry point: {@code TestOrders.order()} is an order of tenant
 * {@value #TENANT} by customer {@code c-1} (ada@example.com), one line of 2 × SKU-1 at
 * 12.50 EUR, no tax, placed now; change what a test cares about and take its events:
 * <pre>
 * TestOrder order = TestOrders.order().tenant("globex").line("PEN-1", "Fountain pen", 2, 1250);
 * send(order.placed(), order.cancelledAt(later).cancelled());
 * </pre> Events are real CloudEvents records (binary mode) encoded by common-events'
 * encoder and checked against the published schemas, as order-service publishes them.
 */
public final class TestOrders {

	/** The tenant of test orders unless a test says otherwise. */
	public static final String TENANT = "acme";

	/** The trace id of {@link #TRACEPARENT}. */
	public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	/** The trace context {@link TestOrder#traced()} records carry. */
	public static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	private static final EventEncoder validating = EventEncoder.validating(new EventSchemas());

	private static final EventEncoder trusting = new EventEncoder();

	private TestOrders() {
	}

	/** A new order (a new id) with the defaults above. */
	public static TestOrder order() {
		return new TestOrder(new OrderFields());
	}

	/** A new order with that id and the defaults above. */
	public static TestOrder order(UUID id) {
		return order().id(id);
	}

	/** Encodes any event as order-service would, checked against its schema. */
	public static OutgoingEvent encode(IntegrationEvent event, EventMetadata metadata) {
		return validating.encode(event, metadata);
	}

	static OutgoingEvent encodeUnchecked(IntegrationEvent event, EventMetadata metadata) {
		return trusting.encode(event, metadata);
	}

	/**
	 * Publishes events to their topic with Boot's producer settings (they carry the test
	 * broker's connection details in either infrastructure mode), in order, and waits
	 * until the broker has every one.
	 */
	public static void send(ProducerFactory<?, ?> producerFactory, OutgoingEvent... events) throws Exception {
		send(producerFactory, List.of(events));
	}

	public static void send(ProducerFactory<?, ?> producerFactory, List<OutgoingEvent> events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
			for (OutgoingEvent event : events) {
				sends.add(producer.send(event.toProducerRecord()));
			}
			for (Future<RecordMetadata> send : sends) {
				send.get(60, TimeUnit.SECONDS);
			}
		}
	}

}
