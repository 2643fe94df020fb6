package dev.orderpipeline.support.admission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission limiter in a real Tomcat: with the limit at 3 and room for one waiter,
 * what comes beyond is refused with a 503 problem and {@code Retry-After} while the
 * admitted requests are still running (so the refusal waited for none of them), the
 * waiter gets a slot when one frees within its budget and is refused once the budget is
 * spent, and probes and scrapes pass whatever the load.
 */
@SpringBootTest(classes = AdmissionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus", "pipeline.http.admission.limit=3",
				"pipeline.http.admission.queue-size=1", "pipeline.http.admission.max-wait=3s",
				"pipeline.http.admission.retry-after=2s" })
class AdmissionControlTest {

	static final int LIMIT = 3;

	static final LocalIdentityProvider identityProvider = LocalIdentityProvider.start(0);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<CompletableFuture<HttpResponse<String>>> started = new ArrayList<>();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void trustTheIdentityProvider(DynamicPropertyRegistry registry) {
		identityProvider.resourceServerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopIdentityProvider() {
		identityProvider.close();
	}

	@AfterEach
	void finishEverything() {
		AdmissionTestApplication.finishes.release(100);
		this.started.forEach(CompletableFuture::join);
		await().until(() -> gauge("http.admission.in_flight") == 0 && gauge("http.admission.waiting") == 0);
		AdmissionTestApplication.finishes.drainPermits();
	}

	@Test
	void requestsBeyondTheLimitAndTheQueueAreRefusedAtOnceAndTheAdmittedOnesSucceed() throws Exception {
		double refusedBefore = refused("queue_full");
		List<CompletableFuture<HttpResponse<String>>> admitted = fillTheLimit();
		CompletableFuture<HttpResponse<String>> waiter = slow();
		await().until(() -> gauge("http.admission.waiting") == 1);

		int beyond = 4;
		List<HttpResponse<String>> refusals = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> extra = new ArrayList<>();
		for (int i = 0; i < beyond; i++) {
			extra.add(slow());
		}
		for (CompletableFuture<HttpResponse<String>> response : extra) {
			refusals.add(response.get());
		}

		assertThat(admitted).as("the admitted requests are still running").noneMatch(CompletableFuture::isDone);
		assertThat(waiter).as("the waiter still waits").isNotDone();
		refusals.forEach(AdmissionControlTest::assertOverloadProblem);
		assertThat(refused("queue_full") - refusedBefore).isEqualTo(beyond);

		AdmissionTestApplication.finishes.release(LIMIT + 1);
		for (CompletableFuture<HttpResponse<String>> response : admitted) {
			assertThat(response.get().statusCode()).isEqualTo(200);
		}
		assertThat(waiter.get().statusCode()).as("the waiter got a freed slot within its budget").isEqualTo(200);
	}

	@Test
	void aWaiterIsRefusedOnceItsWaitBudgetIsSpent() throws Exception {
		double timeoutsBefore = refused("wait_timeout");
		long waitsBefore = this.meters.get("http.admission.wait").timer().count();
		List<CompletableFuture<HttpResponse<String>>> admitted = fillTheLimit();

		long start = System.nanoTime();
		HttpResponse<String> refusal = slow().get();
		Duration waited = Duration.ofNanos(System.nanoTime() - start);

		assertOverloadProblem(refusal);
		assertThat(waited).as("it waited its whole budget").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(admitted).as("no slot came free meanwhile").noneMatch(CompletableFuture::isDone);
		assertThat(refused("wait_timeout") - timeoutsBefore).isEqualTo(1);
		assertThat(this.meters.get("http.admission.wait").timer().count()).isGreaterThan(waitsBefore + LIMIT);
	}

	@Test
	void probesAndScrapesPassWhileTheLimitIsFull() throws Exception {
		fillTheLimit();
		slow();
		await().until(() -> gauge("http.admission.waiting") == 1);

		HttpResponse<String> health = get("/actuator/health", null);
		String ops = identityProvider.mint("ops-olga", "acme", List.of("ops"), null, Duration.ofMinutes(5));
		HttpResponse<String> scrape = get("/actuator/prometheus", ops);

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_admission_limit " + (double) LIMIT)
			.contains("http_admission_in_flight " + (double) LIMIT)
			.contains("http_admission_refused_total{")
			.contains("http_admission_wait_seconds_count")
			.contains("http_admission_wait_seconds_bucket{");
	}

	private List<CompletableFuture<HttpResponse<String>>> fillTheLimit() {
		List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
		for (int i = 0; i < LIMIT; i++) {
			admitted.add(slow());
		}
		await().until(() -> gauge("http.admission.in_flight") == LIMIT);
		return admitted;
	}

	private static void assertOverloadProblem(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.type", String.class)).isEqualTo("https://errors.orderpipeline.dev/overloaded");
		assertThat(problem.read("$.status", Integer.class)).isEqualTo(503);
		assertThat(problem.read("$.instance", String.class)).isEqualTo("/slow");
	}

	private CompletableFuture<HttpResponse<String>> slow() {
		CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/slow")).build(),
				HttpResponse.BodyHandlers.ofString());
		this.started.add(response);
		return response;
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private double refused(String reason) {
		return this.meters.get("http.admission.refused").tag("reason", reason).counter().count();
	}

}
