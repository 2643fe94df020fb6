package dev.orderpipeline.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the notifications the consumer recorded, after their transaction committed: claim
 * due rows (PENDING → SENDING, committed), send them over one SMTP connection, record
 * each outcome (SENT with sent_at; PENDING again with a back-off; FAILED after the last
 * attempt or when the server rejects the address for good).
 * <p>
 * The guarantee: an event's email is sent once, whatever Kafka redelivers (the inbox and
 * the unique event id keep it to one row, and only a claimed row is sent). An SMTP outage
 * only delays it: every row is retried with back-off until the server is back, then sent
 * once. The one window left is a crash after the server accepted a message and before
 * SENT is written: the row's lease expires and it is sent again, with the same
 * Message-ID. SMTP offers no way to close that window; it is at-least-once there, and
 * this is the place it is narrowest.
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
		List<OutgoingEmail> claimed = this.outgoing.claim(this.properties.batchSize(), this.properties.lease());
		if (claimed.isEmpty()) {
			return false;
		}
		// In claim order; MimeMessage keeps Object's identity equals.
		Map<MimeMessage, OutgoingEmail> messages = new LinkedHashMap<>();
		for (OutgoingEmail email : claimed) {
			try {
				messages.put(EmailMessages.build(this.mailSender.getSession(), email, this.properties.from(),
						this.properties.messageIdDomain()), email);
			}
			catch (MessagingException ex) {
				failed(email, ex);
			}
		}
		Map<Object, Exception> failures = send(messages.keySet().toArray(MimeMessage[]::new));
		// Record what the server accepted first: until SENT is written, a crash means a
		// second copy once the lease expires.
		List<OutgoingEmail> sent = messages.entrySet()
			.stream()
			.filter((entry) -> !failures.containsKey(entry.getKey()))
			.map(Map.Entry::getValue)
			.toList();
		this.outgoing.markSent(sent.stream().map(OutgoingEmail::id).toList());
		sent.forEach((email) -> counter("notifications.sent", email.kind(), null).increment());
		messages.forEach((message, email) -> {
			Exception failure = failures.get(message);
			if (failure != null) {
				failed(email, failure);
			}
		});
		return claimed.size() == this.properties.batchSize() && failures.isEmpty();
	}

	/**
	 * Sends over one connection.
	 * @return the messages that were not accepted, with why; the others were
	 */
	private Map<Object, Exception> send(MimeMessage[] messages) {
		if (messages.length == 0) {
			return Map.of();
		}
		try {
			this.mailSender.send(messages);
			this.smtpStatus = new SmtpStatus(true, this.clock.instant(), null);
			return Map.of();
		}
		catch (MailSendException ex) {
			// Spring lists exactly the messages that failed; an empty list means all were
			// accepted and only closing the connection failed.
			boolean connectionFailed = ex.getMessage() != null && ex.getMessage().startsWith("Mail server connection");
			this.smtpStatus = new SmtpStatus(!connectionFailed, this.clock.instant(),
					connectionFailed ? SendFailures.describe((ex.getCause() != null) ? ex.getCause() : ex) : null);
			return ex.getFailedMessages();
		}
		catch (MailException ex) {
			// Authentication or preparation: nothing was sent.
			this.smtpStatus = new SmtpStatus(false, this.clock.instant(), SendFailures.describe(ex));
			Map<Object, Exception> all = new IdentityHashMap<>();
			for (MimeMessage message : messages) {
				all.put(message, ex);
			}
			return all;
		}
	}

	private void failed(OutgoingEmail email, Exception failure) {
		String error = SendFailures.describe(failure);
		if (SendFailures.isPermanent(failure) || email.attempts() >= this.properties.retry().maxAttempts()) {
			log.error("Giving up on notification {} (event {}) after {} attempt(s): {}", email.id(), email.eventId(),
					email.attempts(), error);
			this.outgoing.giveUp(email.id(), error);
			counter("notifications.send.failures", email.kind(), "failed").increment();
		}
		else {
			Duration delay = this.properties.retry().delayAfter(email.attempts());
			log.warn("Notification {} (event {}) not sent, attempt {}, next in {}: {}", email.id(), email.eventId(),
					email.attempts(), delay, error);
			this.outgoing.retryLater(email.id(), delay, error);
			counter("notifications.send.failures", email.kind(), "retry").increment();
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
