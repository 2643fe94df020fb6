package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;

import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static dev.orderpipeline.orders.OrderApi.orderJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts of order placements from one client beyond its bucket are refused with 429 and
 * Retry-After; up to the bucket, nothing is refused, and other clients are unaffected.
 * Its own context with a small bucket (and without a relay, which the shared context
 * runs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "orders.rate-limit.capacity=5", "orders.rate-limit.refill-per-second=1",
				"orders.outbox.relay.enabled=false" })
@WithRealInfrastructure
class RateLimitTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aBurstUpToTheBucketIsServedAndBeyondItIs429WithRetryAfter() throws Exception {
		OrderApi api = new OrderApi(this.port);
		String sku = api.createProduct(100, 1000);
		OrderApi client = api.asCustomer(newCustomer());
		double refusedBefore = this.meters.get("orders.rate.limited").counter().count();

		// Below the limit: five in a row, nothing refused.
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> placed = client.post("/orders", orderJson(sku, 1));
			assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
			assertThat(placed.headers().firstValue("RateLimit-Limit")).hasValue("5");
		}
		// Above it: a burst of ten at once gets at most the tokens refilled meanwhile
		// (one
		// per second, never more than the bucket holds), so the rest are refused.
		List<HttpResponse<String>> burst = Concurrently.run(10, () -> client.post("/orders", orderJson(sku, 1)));

		List<HttpResponse<String>> refused = burst.stream().filter((r) -> r.statusCode() == 429).toList();
		assertThat(refused).isNotEmpty();
		assertThat(burst.size() - refused.size()).isLessThanOrEqualTo(5);
		assertThat(burst).extracting(HttpResponse::statusCode).isSubsetOf(201, 429);
		assertThat(refused).allSatisfy((response) -> {
			assertThat(OrderApi.problem(response))
				.containsEntry("type", "https://errors.orderpipeline.dev/rate-limited")
				.containsEntry("status", 429);
			assertThat(response.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
			assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
		});
		assertThat(this.meters.get("orders.rate.limited").counter().count() - refusedBefore).isEqualTo(refused.size());

		// Another client has its own bucket.
		HttpResponse<String> other = api.asCustomer(newCustomer()).post("/orders", orderJson(sku, 1));
		assertThat(other.statusCode()).isEqualTo(201);
		// Only placing orders is limited: reading goes on.
		assertThat(client.get("/orders").statusCode()).isEqualTo(200);
	}

	@Test
	void theSameSubjectInAnotherTenantHasItsOwnBucket() throws Exception {
		OrderApi api = new OrderApi(this.port);
		String sku = api.createProduct(100, 1000);
		String customer = newCustomer();
		OrderApi inAcme = api.asCustomer(customer);
		// Empty acme's bucket for this subject: five served, then refusals.
		List<HttpResponse<String>> burst = Concurrently.run(10, () -> inAcme.post("/orders", orderJson(sku, 1)));
		assertThat(burst).extracting(HttpResponse::statusCode).contains(429);

		// Customer ids are unique only within a tenant: globex's customer with the same
		// sub is another client, with a full bucket of its own.
		HttpResponse<String> inGlobex = api.as(TestTokens.customer(customer, "globex"))
			.post("/orders", orderJson(sku, 1));
		assertThat(inGlobex.statusCode()).as(inGlobex.body()).isEqualTo(201);
		assertThat(inGlobex.headers().firstValue("RateLimit-Remaining")).hasValue("4");
	}

}
