package dev.orderpipeline.orders.outbox;

import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.order.OrderPlacedV2;
import dev.orderpipeline.events.order.OrderPlacement;
import dev.orderpipeline.events.order.OrderPlacements;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.outbox.EventLog.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code orders.events.placed-version=v2} placements go out as
 * {@code order.placed.v2}, which consumers read into the same view as v1. A context of
 * its own (the switch is a startup setting) whose relay does not start by itself: the
 * test runs one for as long as it needs it, so that between tests at most one relay per
 * context competes for the lock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "orders.events.placed-version=v2", "orders.outbox.relay.enabled=false" })
@WithRealInfrastructure
class PlacedVersionTwoTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	RelayFactory relays;

	@Autowired
	org.springframework.core.env.Environment environment;

	@Test
	void placementsArePublishedAsOrderPlacedV2AndReadLikeV1() {
		OrderApi api = new OrderApi(this.port);
		OutboxRelay relay = this.relays.create("v2-test-relay", RelaySettings.from(this.environment), false);
		relay.start();
		try (EventLog log = EventLog.open(this.kafka)) {
			String sku = api.createProduct(250, 10);
			String customer = newCustomer();
			DocumentContext order = JsonPath.parse(api.placeOrder(customer, sku, 2).body());
			String orderId = order.read("$.id");

			ConsumerRecord<String, byte[]> record = log
				.awaitRecords(orderId, (list) -> !list.isEmpty(), Duration.ofSeconds(30))
				.get(0);

			assertThat(header(record, "ce_type")).isEqualTo("order.placed.v2");
			EventSchemas schemas = new EventSchemas();
			assertThat(schemas.violations(EventType.ORDER_PLACED_V2, record.value())).isEmpty();
			assertThat(EventDecoder.validating(schemas).decode(record).orElseThrow().event())
				.isInstanceOf(OrderPlacedV2.class);
			OrderPlacement placement = new OrderPlacements().read(EventType.ORDER_PLACED_V2, record.value());
			assertThat(placement.orderId()).hasToString(orderId);
			assertThat(placement.sequence()).isEqualTo(1);
			assertThat(placement.tenantId()).isEqualTo(OrderApi.TENANT);
			assertThat(placement.customerId()).isEqualTo(customer);
			assertThat(placement.customerEmail()).isEqualTo("ana@example.com");
			assertThat(placement.total().amount()).isEqualTo(order.read("$.total.amount", Long.class));
			assertThat(placement.lines()).singleElement().satisfies((line) -> {
				assertThat(line.sku()).isEqualTo(sku);
				assertThat(line.quantity()).isEqualTo(2);
				assertThat(line.lineTotal().amount()).isEqualTo(500);
			});
			assertThat(placement.sourceVersion()).isEqualTo(2);
		}
		finally {
			relay.stop();
		}
	}

}
