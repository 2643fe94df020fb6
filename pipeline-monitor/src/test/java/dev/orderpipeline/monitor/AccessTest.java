package dev.orderpipeline.monitor;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.infra.auth.MachineClient;
import dev.orderpipeline.monitor.outbox.OutboxBacklog;
import dev.orderpipeline.monitor.outbox.OutboxScraper;
import dev.orderpipeline.testing.TestIdentityProvider;
import dev.orderpipeline.testing.TestTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the monitor: the status page's data, the API and the replay actions are for
 * ops; the page's shell is public; scrapers get metrics only. And the monitor's own
 * scrape of a secured Prometheus endpoint with client credentials.
 */
class AccessTest extends MonitorIntegrationTest {

	private static final String REPLAY = "/api/groups/replay-check/dead-letters/replay-all";

	@Autowired
	MeterRegistry registry;

	@Test
	void withoutATokenTheApiAndTheReplayAre401ProblemsAndNothingIsForwarded() throws Exception {
		int forwarded = stubRequests.size();

		for (HttpResponse<String> response : List.of(getAs("/api/pipeline", null), postAs(REPLAY, null))) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
			assertThat(response.body()).doesNotContain("\"groups\"", "lagMessages", "\"outbox\"");
		}
		assertThat(stubRequests).hasSize(forwarded);
	}

	@Test
	void aCustomerTokenOnTheApiAndTheReplayIsA403ProblemAndNothingIsForwarded() throws Exception {
		String customer = TestTokens.customer("customer-ana", "acme");
		int forwarded = stubRequests.size();

		for (HttpResponse<String> response : List.of(getAs("/api/pipeline", customer), postAs(REPLAY, customer))) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertProblem(response, 403);
			assertThat(response.body()).doesNotContain("\"groups\"", "lagMessages", "\"outbox\"");
		}
		assertThat(stubRequests).hasSize(forwarded);
	}

	@Test
	void aScrapersTokenReadsTheMetricsButNotThePipeline() throws Exception {
		String monitoring = TestTokens.monitoring();

		assertThat(getAs("/actuator/prometheus", monitoring).statusCode()).isEqualTo(200);
		HttpResponse<String> api = getAs("/api/pipeline", monitoring);
		assertThat(api.statusCode()).isEqualTo(403);
		assertProblem(api, 403);
		assertThat(getAs("/actuator/prometheus", TestTokens.customer("customer-ana", "acme")).statusCode())
			.isEqualTo(403);
		assertThat(getAs("/actuator/prometheus", null).statusCode()).isEqualTo(401);
	}

	@Test
	void theStatusPagesShellIsPublicUnderAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> page = getAs("/", null);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"status.js\"></script>").doesNotContain("<script>");
		String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
				"frame-ancestors 'none'");
		assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(getAs("/status.js", null).statusCode()).isEqualTo(200);
		assertThat(getAs("/status.css", null).statusCode()).isEqualTo(200);
	}

	@Test
	void theOutboxScrapeGetsItsTokenWithClientCredentialsAndASecuredEndpointAcceptsIt() {
		// A secured Prometheus endpoint: the monitor's own, serving two gauges shaped
		// like
		// order-service's outbox figures.
		Gauge.builder("credentials.check.pending.rows", () -> 7).register(this.registry);
		Gauge.builder("credentials.check.oldest.age.seconds", () -> 2.5).register(this.registry);
		MachineClient client = TestIdentityProvider.MONITORING_CLIENT;
		URI tokenUri = URI.create(TestIdentityProvider.get().tokenUri());

		OutboxBacklog withCredentials = scraper(
				new MonitorProperties.ScrapeAuth(client.clientId(), client.clientSecret(), tokenUri))
			.scrape();
		OutboxBacklog withoutCredentials = scraper(new MonitorProperties.ScrapeAuth(null, null, null)).scrape();
		OutboxBacklog wrongSecret = scraper(new MonitorProperties.ScrapeAuth(client.clientId(), "wrong", tokenUri))
			.scrape();

		assertThat(withCredentials.error()).isNull();
		assertThat(withCredentials.pendingRows()).isEqualTo(7.0);
		assertThat(withCredentials.oldestPendingAgeSeconds()).isEqualTo(2.5);
		assertThat(withoutCredentials.pendingRows()).isNull();
		assertThat(withoutCredentials.error()).startsWith("HTTP 401: order-service wants a token");
		assertThat(wrongSecret.pendingRows()).isNull();
		assertThat(wrongSecret.error()).startsWith("no token from " + tokenUri + " for client " + client.clientId());
	}

	@Test
	void aScrapeClientWithoutTheMonitoringRoleIsToldWhatItLacks() {
		MachineClient client = new MachineClient("scrape-without-monitoring", "secret", List.of("customer"));
		TestIdentityProvider.get().registerClient(client);

		OutboxBacklog backlog = scraper(new MonitorProperties.ScrapeAuth(client.clientId(), client.clientSecret(),
				URI.create(TestIdentityProvider.get().tokenUri())))
			.scrape();

		assertThat(backlog.pendingRows()).isNull();
		assertThat(backlog.error())
			.isEqualTo("HTTP 403: the token of client " + client.clientId() + " lacks role monitoring");
	}

	private OutboxScraper scraper(MonitorProperties.ScrapeAuth auth) {
		return new OutboxScraper(new MonitorProperties.OrderService(uri("/actuator/prometheus"),
				"credentials_check_pending_rows", "credentials_check_oldest_age_seconds", Duration.ofSeconds(5)), auth);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.parse(response.body()).read("$.status", Integer.class)).isEqualTo(status);
	}

}
