package dev.orderpipeline.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes events to the real broker with Boot's producer settings (they include the
 * broker's connection details in either test mode).
 */
public final class EventSender {

	private EventSender() {
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
