package dev.orderpipeline.monitor;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The refresher is a lifecycle bean that is stopped and started again when its context is
 * paused and resumed (Spring's test framework does this to every cached context it is not
 * using); after a restart it reads Kafka as before.
 */
class RefresherRestartTest extends MonitorIntegrationTest {

	@Test
	void aStoppedRefresherStartedAgainReadsKafka() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.refresher.latest().observedAt() != null);
		this.refresher.stop();
		Instant stopped = Instant.now();
		this.refresher.start();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.refresher.latest().kafkaError() == null
					&& this.refresher.latest().observedAt().isAfter(stopped));
	}

}
