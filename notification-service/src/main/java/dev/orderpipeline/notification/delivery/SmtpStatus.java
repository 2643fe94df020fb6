package dev.orderpipeline.notification.delivery;

import java.time.Instant;

/**
 * What the last SMTP round showed, for the health details: a consumer must not look DOWN
 * while SMTP is, it keeps consuming and its emails wait in the table.
 *
 * @param reachable whether the last round reached the SMTP server
 * @param at when that round ended
 * @param error the last connection error, if the server was not reachable
 */
record SmtpStatus(boolean reachable, Instant at, String error) {

	static SmtpStatus unknown() {
		return new SmtpStatus(true, null, null);
	}

}
