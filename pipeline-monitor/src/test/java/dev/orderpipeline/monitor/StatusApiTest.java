package dev.orderpipeline.monitor;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JSON the status page polls, the replay proxy, and the outbox figures. */
class StatusApiTest extends MonitorIntegrationTest {

	@Test
	void pipelineJsonListsTheConfiguredGroupsWithTheirStatusAndServiceUrl() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.refresher.latest().observedAt() != null);

		HttpResponse<String> response = get("/api/pipeline");

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.groups[?(@.group == 'notification-service')].serviceUrl", java.util.List.class))
			.containsExactly("http://127.0.0.1:8081");
		assertThat(json.read("$.groups[?(@.group == 'notification-service')].status", java.util.List.class))
			.containsExactly("stopped");
		assertThat(json.read("$.kafkaError", String.class)).isNull();
	}

	@Test
	void outboxBacklogIsScrapedFromOrderServicesPrometheusText() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.refresher.latest().outbox() != null);

		var outbox = this.refresher.latest().outbox();
		assertThat(outbox.error()).isNull();
		assertThat(outbox.pendingRows()).isEqualTo(12.0);
		assertThat(outbox.oldestPendingAgeSeconds()).isEqualTo(3.5);
	}

	@Test
	void replayAllIsForwardedToTheGroupsConsumerServiceWithTheCallersToken() throws Exception {
		String ops = TestTokens.ops();

		HttpResponse<String> response = postAs("/api/groups/replay-check/dead-letters/replay-all", ops);

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JsonPath.parse(response.body()).read("$.replayed", Integer.class)).isEqualTo(2);
		assertThat(stubRequests).contains("POST /dead-letters/replay-all?limit=1000");
		// The consumer service checks the role itself: it gets the ops user's own token.
		assertThat(stubAuthorizations).contains(TestTokens.bearer(ops));
	}

	@Test
	void replayAllAgainstAServiceThatIsDownIsABadGatewayProblemSayingWhichService() throws Exception {
		HttpResponse<String> response = post("/api/groups/down-check/dead-letters/replay-all");

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.contains("down-check at http://127.0.0.1:1 did not answer");
	}

	@Test
	void replayAllWithoutThePagesHeaderIsRefusedAndNotForwarded() throws Exception {
		int forwarded = stubRequests.size();

		HttpResponse<String> response = this.http.send(
				authorized(HttpRequest.newBuilder(uri("/api/groups/replay-check/dead-letters/replay-all")),
						TestTokens.ops())
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(stubRequests).hasSize(forwarded);
	}

	@Test
	void replayAllForAGroupWithoutAServiceIsNotFound() throws Exception {
		HttpResponse<String> response = post("/api/groups/nobody/dead-letters/replay-all");

		assertThat(response.statusCode()).isEqualTo(404);
	}

}
