package dev.orderpipeline.checker;

import java.util.Map;

/**
 * What a mail server received, for checking that each email went out exactly once. The
 * notification service gives every email the Message-ID {@code <event-id@domain>}.
 *
 * @param messagesPerEventId canonical event id to the number of messages received with it
 * in their Message-ID
 */
public record MailLog(Map<String, Integer> messagesPerEventId) {

	public MailLog {
		messagesPerEventId = Map.copyOf(messagesPerEventId);
	}

	/**
	 * The event id in a Message-ID such as
	 * {@code <3f2a...@notification-service.example>}.
	 * @param messageId the header's value
	 * @return the canonical event id, or {@code null} if it holds none
	 */
	public static String eventIdOf(String messageId) {
		if (messageId == null) {
			return null;
		}
		String value = messageId.trim();
		int at = value.indexOf('@');
		String local = (at > 0) ? value.substring(value.startsWith("<") ? 1 : 0, at) : value;
		return PublishedRecord.canonicalId(local);
	}

	/**
	 * Messages received more than once under the same Message-ID: the at-least-once
	 * window of the SMTP hand-off, counted rather than judged.
	 */
	public int resent() {
		return this.messagesPerEventId.values().stream().mapToInt((copies) -> Math.max(0, copies - 1)).sum();
	}

	int copies(String eventId) {
		return this.messagesPerEventId.getOrDefault(eventId, 0);
	}

}
