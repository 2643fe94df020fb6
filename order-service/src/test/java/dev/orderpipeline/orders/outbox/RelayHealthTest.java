package dev.orderpipeline.orders.outbox;

import java.time.Duration;

import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.KafkaBrokerControl;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's health is DOWN while rows wait and nothing gets onto the broker for longer
 * than its limit, and UP again once the broker takes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orders.outbox.relay.stalled-after=PT3S")
@WithRealInfrastructure
class RelayHealthTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	HealthIndicator outboxRelayHealthIndicator;

	@Test
	void theRelayIsDownWhileRowsWaitForABrokerThatIsGoneAndUpOnceItIsBack() {
		OrderApi api = new OrderApi(this.port);
		String sku = api.createProduct(100, 10);
		await().atMost(Duration.ofSeconds(60)).until(() -> status() == Status.UP);
		KafkaBrokerControl.stop();
		try {
			assertThat(api.placeOrder(newCustomer(), sku, 1).statusCode()).isEqualTo(201);
			await().atMost(Duration.ofSeconds(60)).until(() -> status() == Status.DOWN);
			assertThat(this.outboxRelayHealthIndicator.health(true).getDetails()).containsEntry("rowsWaiting", true)
				.containsEntry("active", true);
		}
		finally {
			KafkaBrokerControl.start();
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> status() == Status.UP);
	}

	private Status status() {
		return this.outboxRelayHealthIndicator.health(true).getStatus();
	}

}
