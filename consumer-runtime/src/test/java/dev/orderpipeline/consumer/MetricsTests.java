package dev.orderpipeline.consumer;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MetricsTests extends ConsumerRuntimeTestSupport {

	@Test
	void reportsTheContainersInTheHealthEndpoint() throws Exception {
		String body = get("/actuator/health").body();

		assertThat(JsonPath.<String>read(body, "$.components.consumerRuntime.status")).isEqualTo("UP");
		assertThat(
				JsonPath.<Boolean>read(body, "$.components.consumerRuntime.details['example-consumer.source'].running"))
			.isTrue();
	}

	@Test
	void exposesTheRuntimesMetersToPrometheusWithSnakeCaseNamesAndNoOrderIds() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placed = TestOrders.order(orderId).version(1).placed();
		send(placed);
		send(placed);
		await().atMost(TIMEOUT)
			.until(() -> effects(placed.eventId()) == 1
					&& count("consumer.events.duplicates", "event_type", "order.placed.v1") > 0);

		String body = get("/actuator/prometheus").body();

		assertThat(body).contains(
				"consumer_events_processed_total{event_type=\"order.placed.v1\",group=\"example-consumer\",outcome=\"applied\"}")
			.contains("consumer_events_duplicates_total{event_type=\"order.placed.v1\",group=\"example-consumer\"}")
			.contains("consumer_event_age_seconds_count{event_type=\"order.placed.v1\",group=\"example-consumer\"}")
			.contains(
					"consumer_processing_seconds_count{group=\"example-consumer\",mode=\"batch\",outcome=\"success\"}")
			// The group's lag objective (pipeline.consumer.lag-objective, default 2 min),
			// which the lag alert reads instead of a list of services.
			.containsPattern("consumer_lag_objective_seconds\\{group=\"example-consumer\"} 120(\\.0)?\n")
			// Kafka's own client metrics for the runtime's consumers, lag included.
			.contains("kafka_consumer_fetch_manager_records_lag_max")
			.contains("client_id=\"example-consumer.source-0\"")
			.doesNotContain(orderId.toString())
			.doesNotContain(placed.eventId());
	}

}
