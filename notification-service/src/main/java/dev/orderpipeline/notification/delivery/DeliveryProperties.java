package dev.orderpipeline.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are sent ({@code notifications.*}).
 *
 * @param from the sender address of every email
 * @param messageIdDomain right-hand side of the Message-ID {@code <event-id@domain>}
 * @param senders sending threads per instance (each its own SMTP connection); 0 for an
 * instance that only records (rows wait for another instance)
 * @param batchSize rows claimed, and sent over one SMTP connection, per round
 * @param pollInterval how often due rows are looked for when no commit nudged the sender
 * @param lease how long a claimed row stays SENDING before another sender may take it
 * over; must be longer than one batch can take to send (batch size times the SMTP
 * timeouts), or a second sender could send a row the first is still sending
 * @param retry back-off between attempts
 */
@ConfigurationProperties("notifications")
record DeliveryProperties(@DefaultValue("orders@orderpipeline.dev") String from,
		@DefaultValue("notification-service.orderpipeline.dev") String messageIdDomain, @DefaultValue("2") int senders,
		@DefaultValue("20") int batchSize, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("10m") Duration lease, @DefaultValue Retry retry) {

	/**
	 * @param initialInterval delay before the second attempt
	 * @param multiplier growth per attempt
	 * @param maxInterval cap on the delay
	 * @param maxAttempts attempts before a notification is FAILED
	 */
	record Retry(@DefaultValue("5s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("5m") Duration maxInterval, @DefaultValue("12") int maxAttempts) {

		/**
		 * The delay after a failed attempt.
		 * @param attempts attempts made so far, at least 1
		 * @return the delay before the next one
		 */
		Duration delayAfter(int attempts) {
			double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(attempts - 1, 0));
			return Duration.ofMillis((long) Math.min(millis, this.maxInterval.toMillis()));
		}

	}

}
