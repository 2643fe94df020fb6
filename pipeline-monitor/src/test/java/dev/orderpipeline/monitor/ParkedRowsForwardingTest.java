package dev.orderpipeline.monitor;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.orderpipeline.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's parked-rows API forwards to order-service's ops API (a stub here) with
 * the caller's own token, passes its answers and problems through, and sends a re-queue
 * only with the page's confirmation header.
 */
class ParkedRowsForwardingTest extends MonitorIntegrationTest {

	@Test
	void theListIsOrderServicesAnswerFetchedWithTheCallersToken() throws Exception {
		int before = orderServiceRequests.size();
		String ops = TestTokens.ops();
		HttpResponse<String> listed = getAs("/api/outbox/parked?after=3&limit=20", ops);

		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"id\": 7").contains("RecordTooLargeException");
		assertThat(orderServiceRequests.subList(before, orderServiceRequests.size()))
			.containsExactly("GET /ops/outbox/parked?after=3&limit=20");
		assertThat(orderServiceAuthorizations.subList(before, orderServiceAuthorizations.size()))
			.containsExactly(TestTokens.bearer(ops));
	}

	@Test
	void aRequeueGoesWithItsReasonOnlyWhenThePageConfirmsIt() throws Exception {
		int before = orderServiceRequests.size();
		HttpResponse<String> unconfirmed = requeue("/api/outbox/parked/7/requeue", null, "{\"reason\": \"fixed\"}");
		assertThat(unconfirmed.statusCode()).isEqualTo(403);
		assertThat(unconfirmed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(orderServiceRequests).hasSize(before);

		HttpResponse<String> confirmed = requeue("/api/outbox/parked/7/requeue", "requeue", "{\"reason\": \"fixed\"}");
		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.body()).contains("\"requeued\": 1");
		HttpResponse<String> all = requeue("/api/outbox/parked/requeue-all?limit=5", "requeue",
				"{\"reason\": \"fixed\"}");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(orderServiceRequests.subList(before, orderServiceRequests.size())).containsExactly(
				"POST /ops/outbox/parked/7/requeue {\"reason\": \"fixed\"}",
				"POST /ops/outbox/parked/requeue-all?limit=5 {\"reason\": \"fixed\"}");
	}

	@Test
	void orderServicesProblemIsPassedThrough() throws Exception {
		HttpResponse<String> refused = requeue("/api/outbox/parked/7/requeue", "requeue", "{\"reason\": \"bad\"}");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"field\": \"reason\"");
	}

	@Test
	void withoutRoleOpsNothingIsForwarded() throws Exception {
		int before = orderServiceRequests.size();
		assertThat(getAs("/api/outbox/parked", TestTokens.customer()).statusCode()).isEqualTo(403);
		assertThat(getAs("/api/outbox/parked", null).statusCode()).isEqualTo(401);
		assertThat(orderServiceRequests).hasSize(before);
	}

	private HttpResponse<String> requeue(String path, String confirmation, String json) throws Exception {
		HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri(path)), TestTokens.ops())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (confirmation != null) {
			request.header("X-Pipeline-Monitor", confirmation);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
