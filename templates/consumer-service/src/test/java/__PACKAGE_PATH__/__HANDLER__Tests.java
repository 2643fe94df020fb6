package __PACKAGE__;

import java.time.Duration;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

/** Real PostgreSQL and Kafka: an event published to order-events reaches the handler. */
@SpringBootTest
@WithRealInfrastructure
class __HANDLER__Tests {

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@MockitoSpyBean
	private __HANDLER__ handler;

	@Test
	void aPlacedOrderReachesTheHandler() throws Exception {
		OutgoingEvent placed = TestOrders.order().customer("customer-ana", "ana@example.com").placed();

		TestOrders.send(this.producerFactory, placed);

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> verify(this.handler, atLeastOnce())
				.handle(argThat((events) -> events.stream().anyMatch((event) -> event.id().equals(placed.eventId())))));
	}

}
