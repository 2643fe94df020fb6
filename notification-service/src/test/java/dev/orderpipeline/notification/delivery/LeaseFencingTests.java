package dev.orderpipeline.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.notification.TestSmtpServer;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 item 7: a sender that outlives its lease must neither send what another sender
 * took over nor change that row. Two senders of their own, with a one-second lease; the
 * application's senders are stopped meanwhile so that only these two claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class LeaseFencingTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private EmailDelivery applicationSenders;

	@Autowired
	private OutgoingEmails outgoing;

	@Autowired
	private JavaMailSenderImpl mailSender;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void onlyTheTestsSendersClaim() {
		this.applicationSenders.stop();
		// Rows other tests left due would be claimed by the senders here.
		this.jdbc.update("update notification set status = 'FAILED' where status in ('PENDING', 'SENDING')");
	}

	@AfterEach
	void applicationSendersResume() {
		this.applicationSenders.start();
	}

	@Test
	void aSenderStalledPastItsLeaseSendsNothingOnceAnotherSenderTookItsRowOver() throws Exception {
		UUID eventId = UUID.randomUUID();
		long id = insertDue(eventId);
		try (HeldConnectionProxy hangingServer = HeldConnectionProxy.to(TestSmtpServer.port())) {
			EmailDelivery stalled = sender(mailSenderTo(hangingServer.port()));
			EmailDelivery second = sender(this.mailSender);

			CompletableFuture<Boolean> stalledRound = CompletableFuture.supplyAsync(stalled::sendDueBatch);
			await().atMost(TIMEOUT).until(() -> hangingServer.connections() == 1);
			// The stalled sender claimed the row and waits for the server's greeting;
			// once
			// its lease ran out the second sender takes the row over and sends it.
			await().atMost(TIMEOUT).until(() -> {
				second.sendDueBatch();
				return "SENT".equals(row(id).get("status"));
			});
			hangingServer.release();
			stalledRound.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		assertThat(TestSmtpServer.withMessageId("<" + eventId + "@notification-service.orderpipeline.dev>")).hasSize(1);
		assertThat(row(id)).containsEntry("status", "SENT").containsEntry("attempts", 2);
	}

	@Test
	void aClaimThatWasTakenOverCanNeitherMarkNorResetTheRow() {
		long id = insertDue(UUID.randomUUID());
		ClaimedBatch first = this.outgoing.claim(1, Duration.ofMillis(200));
		assertThat(first.emails()).extracting(OutgoingEmail::id).containsExactly(id);
		ClaimedBatch second = await().atMost(TIMEOUT)
			.until(() -> this.outgoing.claim(1, LEASE), (batch) -> !batch.isEmpty());
		assertThat(second.claim()).isGreaterThan(first.claim());

		assertThat(this.outgoing.renew(first.claim(), List.of(id), LEASE)).isEmpty();
		assertThat(this.outgoing.markSent(first.claim(), List.of(id))).isZero();
		assertThat(this.outgoing.retryLater(first.claim(), id, Duration.ZERO, "late failure")).isFalse();
		assertThat(this.outgoing.giveUp(first.claim(), id, "late failure")).isFalse();
		assertThat(row(id)).containsEntry("status", "SENDING").containsEntry("claim", second.claim());

		assertThat(this.outgoing.markSent(second.claim(), List.of(id))).isOne();
		assertThat(row(id)).containsEntry("status", "SENT");
	}

	private EmailDelivery sender(JavaMailSenderImpl mailSender) {
		DeliveryProperties properties = new DeliveryProperties("orders@orderpipeline.dev",
				"notification-service.orderpipeline.dev", 0, 20, Duration.ofMillis(200), LEASE,
				new DeliveryProperties.Retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 1000));
		return new EmailDelivery(this.outgoing, mailSender, properties, this.meters);
	}

	private static JavaMailSenderImpl mailSenderTo(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		Properties timeouts = new Properties();
		// Longer than the whole test: the stall ends only when the test releases it.
		timeouts.put("mail.smtp.connectiontimeout", "60000");
		timeouts.put("mail.smtp.timeout", "60000");
		sender.setJavaMailProperties(timeouts);
		return sender;
	}

	private long insertDue(UUID eventId) {
		return this.jdbc.queryForObject("""
				insert into notification (event_id, order_id, kind, recipient, subject, text_body, html_body,
				                          status, attempts, next_attempt_at, tenant_id)
				values (?, ?, 'ORDER_CONFIRMATION', 'fenced@example.com', 'Your order is confirmed', 'text',
				        '<p>html</p>', 'PENDING', 0, now(), 'acme')
				returning id""", Long.class, eventId, UUID.randomUUID());
	}

	private Map<String, Object> row(long id) {
		return this.jdbc.queryForMap("select * from notification where id = ?", id);
	}

}
