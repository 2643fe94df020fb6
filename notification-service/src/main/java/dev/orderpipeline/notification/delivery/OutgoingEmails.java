package dev.orderpipeline.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notification table as the sender's queue. Each statement runs on its own
 * (auto-commit): a claim must be committed before the SMTP call, and an outcome as soon
 * as it is known.
 */
@Component
class OutgoingEmails {

	private final JdbcClient jdbc;

	OutgoingEmails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims due rows: PENDING rows whose time has come, and SENDING rows whose lease ran
	 * out (their sender died mid-batch). {@code skip locked} lets several instances claim
	 * side by side without waiting for or taking each other's rows. A row waits while an
	 * earlier notification of the same order is still unsent: a customer must not get the
	 * cancellation before the confirmation, whichever sender or instance claims what.
	 */
	List<OutgoingEmail> claim(int limit, Duration lease) {
		return this.jdbc.sql("""
				update notification n
				set status = 'SENDING', attempts = n.attempts + 1,
				    next_attempt_at = now() + make_interval(secs => :leaseSeconds)
				where n.id in (select id from notification
				               where status in ('PENDING', 'SENDING') and next_attempt_at <= now()
				                 and not exists (select 1 from notification earlier
				                                 where earlier.order_id = notification.order_id
				                                   and earlier.id < notification.id
				                                   and earlier.status in ('PENDING', 'SENDING'))
				               order by next_attempt_at, id
				               limit :limit
				               for update skip locked)
				returning n.id, n.event_id, n.kind, n.recipient, n.subject, n.text_body, n.html_body, n.attempts""")
			.param("leaseSeconds", lease.toMillis() / 1000.0)
			.param("limit", limit)
			.query((row, i) -> new OutgoingEmail(row.getLong("id"), row.getObject("event_id", UUID.class),
					row.getString("kind"), row.getString("recipient"), row.getString("subject"),
					row.getString("text_body"), row.getString("html_body"), row.getInt("attempts")))
			.list();
	}

	void markSent(List<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("""
					update notification set status = 'SENT', sent_at = now(), last_error = null
					where id in (:ids) and status = 'SENDING'""").param("ids", ids).update();
		}
	}

	void retryLater(long id, Duration delay, String error) {
		this.jdbc
			.sql("""
					update notification
					set status = 'PENDING', next_attempt_at = now() + make_interval(secs => :delaySeconds), last_error = :error
					where id = :id and status = 'SENDING'""")
			.param("delaySeconds", delay.toMillis() / 1000.0)
			.param("error", error)
			.param("id", id)
			.update();
	}

	void giveUp(long id, String error) {
		this.jdbc
			.sql("update notification set status = 'FAILED', last_error = :error where id = :id and status = 'SENDING'")
			.param("error", error)
			.param("id", id)
			.update();
	}

}
