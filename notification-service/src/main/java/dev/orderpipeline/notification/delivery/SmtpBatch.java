package dev.orderpipeline.notification.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One claimed batch handed to the SMTP server over one connection. Once connected, and
 * before the first message, it asks which rows the claim still holds (renewing their
 * lease): connecting is where a sender stalls longest (a slow or hung server, a pause),
 * and a sender that outlived its lease there must not send what another sender has taken
 * over and sent. Only a stall of a whole lease between this check and the server's
 * acceptance can still send twice; the lease is sized far beyond that.
 * <p>
 * The conversation mirrors {@link JavaMailSenderImpl#send(MimeMessage...)}, which offers
 * no point between connecting and sending.
 */
final class SmtpBatch {

	private static final Logger log = LoggerFactory.getLogger(SmtpBatch.class);

	/**
	 * What became of a batch.
	 *
	 * @param accepted rows the server accepted
	 * @param failed rows not accepted, with why
	 * @param lost rows another sender claimed since: not sent, not to be touched
	 * @param smtp what this conversation says about the server
	 */
	record Outcome(List<OutgoingEmail> accepted, Map<OutgoingEmail, Exception> failed, List<OutgoingEmail> lost,
			SmtpStatus smtp) {

	}

	private final JavaMailSenderImpl mailSender;

	private final Clock clock;

	SmtpBatch(JavaMailSenderImpl mailSender, Clock clock) {
		this.mailSender = mailSender;
		this.clock = clock;
	}

	/**
	 * @param messages the messages in claim order, with their rows
	 * @param stillClaimed given the ids, renews and returns those the claim still holds
	 */
	Outcome send(Map<MimeMessage, OutgoingEmail> messages, Function<List<Long>, Set<Long>> stillClaimed) {
		List<OutgoingEmail> accepted = new ArrayList<>();
		Map<OutgoingEmail, Exception> failed = new LinkedHashMap<>();
		List<OutgoingEmail> lost = new ArrayList<>();
		if (messages.isEmpty()) {
			return new Outcome(accepted, failed, lost, null);
		}
		Transport transport;
		try {
			transport = connect();
		}
		catch (MessagingException ex) {
			// Unreachable or refused (authentication included): nothing was sent.
			messages.values().forEach((email) -> failed.put(email, ex));
			return new Outcome(accepted, failed, lost,
					new SmtpStatus(false, this.clock.instant(), SendFailures.describe(ex)));
		}
		try {
			Set<Long> held = stillClaimed.apply(messages.values().stream().map(OutgoingEmail::id).toList());
			for (Map.Entry<MimeMessage, OutgoingEmail> entry : messages.entrySet()) {
				OutgoingEmail email = entry.getValue();
				if (!held.contains(email.id())) {
					lost.add(email);
				}
				else {
					try {
						transmit(transport, entry.getKey());
						accepted.add(email);
					}
					catch (MessagingException ex) {
						failed.put(email, ex);
					}
				}
			}
		}
		finally {
			close(transport);
		}
		return new Outcome(accepted, failed, lost, new SmtpStatus(true, this.clock.instant(), null));
	}

	private Transport connect() throws MessagingException {
		String protocol = (this.mailSender.getProtocol() != null) ? this.mailSender.getProtocol()
				: JavaMailSenderImpl.DEFAULT_PROTOCOL;
		Transport transport = this.mailSender.getSession().getTransport(protocol);
		connect(transport);
		return transport;
	}

	private void connect(Transport transport) throws MessagingException {
		String username = this.mailSender.getUsername();
		String password = this.mailSender.getPassword();
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		transport.connect(this.mailSender.getHost(), this.mailSender.getPort(), username, password);
	}

	private void transmit(Transport transport, MimeMessage message) throws MessagingException {
		if (!transport.isConnected()) {
			// The server dropped the connection after an earlier message's failure.
			transport.close();
			connect(transport);
		}
		if (message.getSentDate() == null) {
			message.setSentDate(new Date());
		}
		message.saveChanges();
		Address[] recipients = message.getAllRecipients();
		transport.sendMessage(message, (recipients != null) ? recipients : new Address[0]);
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// Everything the server accepted stays accepted.
			log.debug("Closing the SMTP connection failed", ex);
		}
	}

}
