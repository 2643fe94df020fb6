package dev.orderpipeline.notification.history;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A notification as the API shows it. The bodies are only filled in for a single
 * notification ({@code GET /notifications/{id}}), not in lists.
 *
 * @param id the notification
 * @param eventId the event that caused it (also the email's Message-ID local part)
 * @param orderId the order
 * @param kind ORDER_CONFIRMATION or ORDER_CANCELLATION
 * @param recipient the address, or {@code null} for NO_RECIPIENT
 * @param subject the subject line
 * @param status where it is
 * @param attempts SMTP attempts made
 * @param createdAt when the event was recorded
 * @param sentAt when the SMTP server accepted it
 * @param nextAttemptAt when the next attempt is due, while PENDING
 * @param lastError why the last attempt failed
 * @param textBody the plain-text part
 * @param htmlBody the HTML part
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationView(long id, UUID eventId, UUID orderId, String kind, String recipient, String subject,
		NotificationStatus status, int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt,
		String lastError, String textBody, String htmlBody) {

}
