package dev.orderpipeline.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME message for a notification: multipart/alternative with the text and
 * HTML parts, and a Message-ID derived from the event id. Should a crash between the SMTP
 * server's acceptance and our SENT update make us send twice, both copies carry the same
 * Message-ID, so a downstream MTA or mail client can drop the second.
 */
final class EmailMessages {

	private EmailMessages() {
	}

	/**
	 * @throws MessagingException if the recipient or sender is not a valid address
	 * (strict RFC 822 parsing): a permanent failure
	 */
	static MimeMessage build(Session session, OutgoingEmail email, String from, String messageIdDomain)
			throws MessagingException {
		MimeMessage message = new FixedIdMimeMessage(session, "<" + email.eventId() + "@" + messageIdDomain + ">");
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom(new InternetAddress(from, true));
		helper.setTo(new InternetAddress(email.recipient(), true));
		helper.setSubject(email.subject());
		helper.setText(email.text(), email.html());
		return message;
	}

	/**
	 * {@link MimeMessage#saveChanges()} would otherwise replace the Message-ID with a
	 * random one.
	 */
	private static final class FixedIdMimeMessage extends MimeMessage {

		private final String messageId;

		FixedIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
