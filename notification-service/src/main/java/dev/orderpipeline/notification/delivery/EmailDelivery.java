package dev.orderpipeline.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the notifications the consumer recorded, after their transaction committed: claim
 * due rows (PENDING → SENDING under a new fencing token, committed), send them over one
 * SMTP connection ({@link SmtpBatch}), record each outcome under that token (SENT with
 * sent_at; PENDING again with a back-off; FAILED after the last attempt or when the
 * server rejects the address for good).
 * <p>
 * The guarantee: an event's email is sent once, whatever Kafka redelivers (the inbox and
 * the unique event id keep it to one row, and only a claimed row is sent). An SMTP outage
 * only delays it: every row is retried with back-off until the server is back, then sent
 * once. A sender that outlived its lease (a pause, a stalled server) finds its rows taken
 * over before it sends, and cannot mark or reset them: every update names its claim. The
 * one window left is a crash after the server accepted a message and before SENT is
 * written: the row's lease expires and it is sent again, with the same Message-ID. SMTP
 * offers no way to close that window; it is at-least-once there, and this is the place it
 * is narrowest.
 * <p>
 * {@code notifications.senders} threads per instance, each claiming its own batches
 * ({@code skip locked}); commits nudge them so emails leave within milliseconds, and they
 * also poll, so nothing depends on the nudge (rows of a crashed instance, back-offs).
 */
@Component
public class EmailDelivery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

	private final OutgoingEmails outgoing;

	private final JavaMailSenderImpl mailSender;

	private final DeliveryProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final SmtpBatch smtp;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private volatile SmtpStatus smtpStatus = SmtpStatus.unknown();

	private final List<Thread> threads = new ArrayList<>();

	EmailDelivery(OutgoingEmails outgoing, JavaMailSenderImpl mailSender, DeliveryProperties properties,
			MeterRegistry meters) {
		this.outgoing = outgoing;
		this.mailSender = mailSender;
		this.properties = properties;
		this.meters = meters;
		this.clock = Clock.systemUTC();
		this.smtp = new SmtpBatch(mailSender, this.clock);
	}

	/**
	 * Wakes the sender once the current transaction commits (at once if there is none):
	 * the rows it wrote are invisible to the sender until then.
	 */
	public void sendSoonAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wakeUp();
				}
			});
		}
		else {
			wakeUp();
		}
	}

	SmtpStatus smtpStatus() {
		return this.smtpStatus;
	}

	private void wakeUp() {
		this.wakeUps.release();
	}

	private void loop() {
		while (this.running) {
			boolean maybeMoreDue = false;
			try {
				maybeMoreDue = sendDueBatch();
			}
			catch (RuntimeException ex) {
				// Typically the database is unreachable; claimed rows keep their lease.
				log.warn("Email delivery round failed, trying again in {}", this.properties.pollInterval(), ex);
			}
			if (!maybeMoreDue) {
				awaitWakeUpOrPoll();
			}
		}
	}

	private void awaitWakeUpOrPoll() {
		try {
			this.wakeUps.tryAcquire(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			this.wakeUps.drainPermits();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	/**
	 * One round.
	 * @return whether another round should follow at once (a full batch went out)
	 */
	boolean sendDueBatch() {
		ClaimedBatch batch = this.outgoing.claim(this.properties.batchSize(), this.properties.lease());
		if (batch.isEmpty()) {
			return false;
		}
		// In claim order; MimeMessage keeps Object's identity equals.
		Map<MimeMessage, OutgoingEmail> messages = new LinkedHashMap<>();
		for (OutgoingEmail email : batch.emails()) {
			try {
				messages.put(EmailMessages.build(this.mailSender.getSession(), email, this.properties.from(),
						this.properties.messageIdDomain()), email);
			}
			catch (MessagingException ex) {
				failed(batch.claim(), email, ex);
			}
		}
		SmtpBatch.Outcome outcome = this.smtp.send(messages,
				(ids) -> this.outgoing.renew(batch.claim(), ids, this.properties.lease()));
		if (outcome.smtp() != null) {
			this.smtpStatus = outcome.smtp();
		}
		// Record what the server accepted first: until SENT is written, a crash means a
		// second copy once the lease expires.
		int marked = this.outgoing.markSent(batch.claim(), outcome.accepted().stream().map(OutgoingEmail::id).toList());
		if (marked < outcome.accepted().size()) {
			// The lease ran out during the SMTP conversation and another sender took rows
			// over.
			log.warn("{} of {} sent notification(s) had been claimed by another sender meanwhile; lease {} too short?",
					outcome.accepted().size() - marked, outcome.accepted().size(), this.properties.lease());
		}
		outcome.accepted().forEach((email) -> counter("notifications.sent", email.kind(), null).increment());
		outcome.failed().forEach((email, failure) -> failed(batch.claim(), email, failure));
		if (!outcome.lost().isEmpty()) {
			log.warn(
					"Sender outlived its lease of {}: {} claimed notification(s) taken over by another sender, not sent",
					this.properties.lease(), outcome.lost().size());
		}
		return batch.emails().size() == this.properties.batchSize() && outcome.failed().isEmpty()
				&& outcome.lost().isEmpty();
	}

	private void failed(long claim, OutgoingEmail email, Exception failure) {
		String error = SendFailures.describe(failure);
		if (SendFailures.isPermanent(failure) || email.attempts() >= this.properties.retry().maxAttempts()) {
			if (this.outgoing.giveUp(claim, email.id(), error)) {
				log.error("Giving up on notification {} (event {}) after {} attempt(s): {}", email.id(),
						email.eventId(), email.attempts(), error);
				counter("notifications.send.failures", email.kind(), "failed").increment();
			}
		}
		else {
			Duration delay = this.properties.retry().delayAfter(email.attempts());
			if (this.outgoing.retryLater(claim, email.id(), delay, error)) {
				log.warn("Notification {} (event {}) not sent, attempt {}, next in {}: {}", email.id(), email.eventId(),
						email.attempts(), delay, error);
				counter("notifications.send.failures", email.kind(), "retry").increment();
			}
		}
	}

	private Counter counter(String name, String kind, String outcome) {
		Counter.Builder builder = Counter.builder(name).tag("kind", kind);
		if (outcome != null) {
			builder.tag("outcome", outcome);
		}
		return builder.register(this.meters);
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.properties.senders(); i++) {
			Thread thread = new Thread(this::loop, "email-delivery-" + i);
			thread.start();
			this.threads.add(thread);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.wakeUps.release(this.threads.size());
		try {
			// Not interrupted: a batch in the middle of its SMTP conversation finishes
			// and
			// records its outcome.
			for (Thread thread : this.threads) {
				thread.join(30_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
