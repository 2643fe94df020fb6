package dev.orderpipeline.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's service: configured (the local run passes one per consumer it finds), else
 * from the template (docker-compose names each consumer's service after its group), else
 * none.
 */
class ServiceUrlTest {

	@Test
	void aConfiguredUrlWinsOverTheTemplate() {
		MonitorProperties properties = properties(
				Map.of("points-service", new MonitorProperties.Group(URI.create("http://127.0.0.1:8084"))),
				"http://{group}:8080");

		assertThat(properties.serviceUrlOf("points-service")).isEqualTo(URI.create("http://127.0.0.1:8084"));
		assertThat(properties.serviceUrlOf("audit-service")).isEqualTo(URI.create("http://audit-service:8080"));
	}

	@Test
	void withoutATemplateADiscoveredGroupHasNoService() {
		MonitorProperties properties = properties(Map.of(), null);

		assertThat(properties.serviceUrlOf("audit-service")).isNull();
	}

	private static MonitorProperties properties(Map<String, MonitorProperties.Group> groups, String template) {
		return new MonitorProperties("order-events", true, "{group}.{source}.dlt", Duration.ofSeconds(5),
				Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10), groups, template,
				new MonitorProperties.OrderService(URI.create("http://127.0.0.1:8080/actuator/prometheus"),
						"outbox_pending_rows", "outbox_oldest_pending_age_seconds", Duration.ofSeconds(2)),
				new MonitorProperties.ScrapeAuth(null, null, null));
	}

}
