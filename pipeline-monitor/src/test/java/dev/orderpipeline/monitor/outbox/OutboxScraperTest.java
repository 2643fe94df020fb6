package dev.orderpipeline.monitor.outbox;

import java.net.URI;
import java.time.Duration;

import dev.orderpipeline.monitor.MonitorProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxScraperTest {

	private static final String EXPOSITION = """
			# HELP outbox_pending_rows Outbox rows not yet published
			# TYPE outbox_pending_rows gauge
			outbox_pending_rows{application="order-service",instance="a"} 3.0
			outbox_pending_rows{application="order-service",instance="b"} 4.0
			outbox_pending_rows_other 100.0
			outbox_oldest_pending_age_seconds 1.5
			""";

	@Test
	void sumsTheSeriesOfAMetricAndIgnoresMetricsThatOnlyShareItsPrefix() {
		assertThat(OutboxScraper.value(EXPOSITION, "outbox_pending_rows", Double::sum)).hasValue(7.0);
	}

	@Test
	void readsAMetricWithoutLabels() {
		assertThat(OutboxScraper.value(EXPOSITION, "outbox_oldest_pending_age_seconds", Math::max)).hasValue(1.5);
	}

	@Test
	void anAbsentMetricIsEmpty() {
		assertThat(OutboxScraper.value(EXPOSITION, "outbox_published_total", Double::sum)).isEmpty();
	}

	@Test
	void anUnreachableOrderServiceIsUnknownWithTheReason() {
		OutboxScraper scraper = new OutboxScraper(
				new MonitorProperties.OrderService(URI.create("http://127.0.0.1:1/actuator/prometheus"),
						"outbox_pending_rows", "outbox_oldest_pending_age_seconds", Duration.ofSeconds(1)),
				new MonitorProperties.ScrapeAuth(null, null, null));

		OutboxBacklog backlog = scraper.scrape();

		assertThat(backlog.pendingRows()).isNull();
		assertThat(backlog.oldestPendingAgeSeconds()).isNull();
		assertThat(backlog.error()).startsWith("unreachable");
	}

}
