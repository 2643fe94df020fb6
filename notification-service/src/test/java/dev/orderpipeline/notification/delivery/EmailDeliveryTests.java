package dev.orderpipeline.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.notification.TestSmtpServer;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sender on its own, fed by rows written straight into its table (the states an event
 * cannot easily produce on demand): giving up, resending, taking over a dead sender's
 * claim. Same application context as the end-to-end tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class EmailDeliveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private JdbcTemplate jdbc;

	@Value("${local.server.port}")
	private int port;

	@AfterEach
	void smtpServerIsUpForTheNextTest() {
		TestSmtpServer.start();
	}

	@Test
	void anAddressThatCanNeverBeDeliveredIsFailedAtOnceWithoutRetries() {
		long id = insert("not an address", "PENDING", 0, "now()");

		await().atMost(TIMEOUT).until(() -> "FAILED".equals(row(id).get("status")));
		assertThat(row(id).get("attempts")).isEqualTo(1);
		assertThat((String) row(id).get("last_error")).startsWith("AddressException");
	}

	@Test
	void theLastAttemptFailingMarksItFailedAndAResendDeliversItOnce() throws Exception {
		TestSmtpServer.stop();
		UUID eventId = UUID.randomUUID();
		long id = insert(eventId, "last-try@example.com", "PENDING", 999, "now()");

		await().atMost(TIMEOUT).until(() -> "FAILED".equals(row(id).get("status")));
		assertThat(row(id).get("attempts")).isEqualTo(1000);
		TestSmtpServer.start();
		HttpResponse<String> response = post("/notifications/" + id + "/resend");

		assertThat(response.statusCode()).isEqualTo(202);
		await().atMost(TIMEOUT).until(() -> "SENT".equals(row(id).get("status")));
		assertThat(TestSmtpServer.withMessageId("<" + eventId + "@notification-service.orderpipeline.dev>")).hasSize(1);
		HttpResponse<String> again = post("/notifications/" + id + "/resend");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aClaimWhoseLeaseRanOutIsTakenOverAndSent() {
		UUID eventId = UUID.randomUUID();
		long id = insert(eventId, "taken-over@example.com", "SENDING", 1, "now() - interval '1 second'");

		await().atMost(TIMEOUT).until(() -> "SENT".equals(row(id).get("status")));
		assertThat(row(id).get("attempts")).isEqualTo(2);
		assertThat(TestSmtpServer.withMessageId("<" + eventId + "@notification-service.orderpipeline.dev>")).hasSize(1);
	}

	@Test
	void aClaimStillLeasedIsLeftToItsSender() {
		long leased = insert(UUID.randomUUID(), "leased@example.com", "SENDING", 1, "now() + interval '1 hour'");
		long due = insert(UUID.randomUUID(), "due@example.com", "PENDING", 0, "now()");

		// The due row is sent in the sender's next round; the leased one stays untouched.
		await().atMost(TIMEOUT).until(() -> "SENT".equals(row(due).get("status")));
		assertThat(row(leased)).containsEntry("status", "SENDING").containsEntry("attempts", 1);
	}

	@Test
	void countsSentEmailsInPrometheus() throws Exception {
		long id = insert(UUID.randomUUID(), "counted@example.com", "PENDING", 0, "now()");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(row(id).get("status")));

		String metrics = this.http
			.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
				.header("Authorization", TestTokens.bearer(TestTokens.monitoring()))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();

		assertThat(metrics).containsPattern("notifications_sent_total\\{[^}]*kind=\"ORDER_CONFIRMATION\"");
	}

	private long insert(String recipient, String status, int attempts, String nextAttemptAt) {
		return insert(UUID.randomUUID(), recipient, status, attempts, nextAttemptAt);
	}

	private long insert(UUID eventId, String recipient, String status, int attempts, String nextAttemptAt) {
		return this.jdbc.queryForObject("""
				insert into notification (event_id, order_id, kind, recipient, subject, text_body, html_body,
				                          status, attempts, next_attempt_at, tenant_id)
				values (?, ?, 'ORDER_CONFIRMATION', ?, 'Your order is confirmed', 'text', '<p>html</p>', ?, ?, %s,
				        'acme')
				returning id""".formatted(nextAttemptAt), Long.class, eventId, UUID.randomUUID(), recipient, status,
				attempts);
	}

	private Map<String, Object> row(long id) {
		return this.jdbc.queryForMap("select * from notification where id = ?", id);
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", TestTokens.bearer(TestTokens.token(TestTokens.OPS_SUBJECT, "acme", null, "ops")))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
