package dev.orderpipeline.notification.delivery;

import java.util.UUID;

/**
 * A notification claimed for sending.
 *
 * @param id the row
 * @param eventId the event it answers; becomes the Message-ID
 * @param kind confirmation or cancellation, for metrics
 * @param recipient the address
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 * @param attempts attempts including this one
 */
record OutgoingEmail(long id, UUID eventId, String kind, String recipient, String subject, String text, String html,
		int attempts) {

}
