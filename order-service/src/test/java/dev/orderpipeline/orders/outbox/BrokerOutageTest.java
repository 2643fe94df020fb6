package dev.orderpipeline.orders.outbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.KafkaBrokerControl;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.outbox.EventLog.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the broker is away the order API keeps answering and the outbox holds the events;
 * when it is back, every event arrives and each order's events in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class BrokerOutageTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	MeterRegistry meters;

	@Test
	void ordersPlacedAndCancelledWhileTheBrokerIsDownArriveCompleteAndInOrderOnceItIsBack() {
		OrderApi api = new OrderApi(this.port);
		String sku = api.createProduct(100, 100);
		List<String> orders = new ArrayList<>();
		String customer = newCustomer();
		try (EventLog log = EventLog.open(this.kafka)) {
			KafkaBrokerControl.stop();
			try {
				for (int i = 0; i < 6; i++) {
					HttpResponse<String> placed = api.placeOrder(customer, sku, 1);
					assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
					orders.add(JsonPath.parse(placed.body()).read("$.id"));
				}
				for (String cancelled : orders.subList(0, 3)) {
					assertThat(api.asCustomer(customer).post("/orders/" + cancelled + "/cancel", "").statusCode())
						.isEqualTo(200);
				}
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(this.meters.get("outbox.pending.rows").gauge().value())
						.isGreaterThanOrEqualTo(9));
				assertThat(this.meters.get("outbox.oldest.pending.age.seconds").gauge().value()).isPositive();
			}
			finally {
				KafkaBrokerControl.start();
			}

			for (int i = 0; i < orders.size(); i++) {
				String order = orders.get(i);
				List<String> expected = (i < 3) ? List.of("order.placed.v2", "order.cancelled.v2")
						: List.of("order.placed.v2");
				List<ConsumerRecord<String, byte[]>> records = log.awaitRecords(order,
						(list) -> distinctTypesInOrder(list).equals(expected), Duration.ofSeconds(90));
				// Duplicates are allowed, loss and reordering are not: the first
				// occurrence
				// of each event comes in commit order.
				assertThat(distinctTypesInOrder(records)).isEqualTo(expected);
				assertThat(records.stream().map((record) -> record.partition()).distinct()).hasSize(1);
			}
		}
	}

	private static List<String> distinctTypesInOrder(List<ConsumerRecord<String, byte[]>> records) {
		Set<String> seen = new LinkedHashSet<>();
		records.forEach((record) -> seen.add(header(record, "ce_type")));
		return List.copyOf(seen);
	}

}
