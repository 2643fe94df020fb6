package dev.orderpipeline.monitor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.KafkaBrokerControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the broker gone the monitor keeps answering from its last snapshot, says that the
 * figures are stale and why, counts the failed refreshes, and recovers by itself.
 */
class BrokerOutageTest extends MonitorIntegrationTest {

	@Test
	void withoutABrokerTheLastFiguresStayMarkedStaleAndTheMonitorRecovers() throws Exception {
		commit("outage-check", Map.of(source(0), 8L, source(1), 5L));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> group("outage-check").map((g) -> g.lagMessages() == 2).orElse(false));
		Instant lastRead;

		KafkaBrokerControl.stop();
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> this.refresher.latest().kafkaError() != null);
			lastRead = this.refresher.latest().observedAt();

			HttpResponse<String> api = get("/api/pipeline");
			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(api.body()).read("$.kafkaError", String.class)).isNotBlank();
			assertThat(JsonPath.parse(api.body())
				.read("$.groups[?(@.group == 'outage-check')].lagMessages", java.util.List.class)).containsExactly(2);
			String prometheus = prometheusText();
			assertThat(ConsumerLagTest.sample(prometheus, "pipeline_monitor_refresh_failures_total")).isPositive();
			assertThat(ConsumerLagTest.sample(prometheus, "pipeline_monitor_last_success_timestamp_seconds"))
				.isEqualTo(lastRead.toEpochMilli() / 1000.0);
		}
		finally {
			KafkaBrokerControl.start();
		}

		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.refresher.latest().kafkaError() == null
					&& this.refresher.latest().observedAt().isAfter(lastRead));
	}

}
