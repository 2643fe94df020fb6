package dev.orderpipeline.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Set;
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
	 * out (their sender died or stalled mid-batch). {@code skip locked} lets several
	 * instances claim side by side without waiting for or taking each other's rows. A row
	 * waits while an earlier notification of the same order is still unsent: a customer
	 * must not get the cancellation before the confirmation, whichever sender or instance
	 * claims what. The claim writes a new fencing token to the rows it takes.
	 */
	ClaimedBatch claim(int limit, Duration lease) {
		long claim = this.jdbc.sql("select nextval('notification_claim')").query(Long.class).single();
		List<OutgoingEmail> emails = this.jdbc.sql("""
				update notification n
				set status = 'SENDING', attempts = n.attempts + 1, claim = :claim,
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
			.param("claim", claim)
			.param("leaseSeconds", seconds(lease))
			.param("limit", limit)
			.query((row, i) -> new OutgoingEmail(row.getLong("id"), row.getObject("event_id", UUID.class),
					row.getString("kind"), row.getString("recipient"), row.getString("subject"),
					row.getString("text_body"), row.getString("html_body"), row.getInt("attempts")))
			.list();
		return new ClaimedBatch(claim, emails);
	}

	/**
	 * Renews the lease of the rows this claim still holds, just before their messages go
	 * to the SMTP server: a sender that stalled past its lease learns here that its rows
	 * were taken over, and sends none of them.
	 * @return the ids still held, with a fresh lease
	 */
	Set<Long> renew(long claim, List<Long> ids, Duration lease) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(this.jdbc.sql("""
				update notification set next_attempt_at = now() + make_interval(secs => :leaseSeconds)
				where id in (:ids) and claim = :claim and status = 'SENDING'
				returning id""")
			.param("leaseSeconds", seconds(lease))
			.param("ids", ids)
			.param("claim", claim)
			.query(Long.class)
			.list());
	}

	/**
	 * @return rows marked SENT: 0 for rows this claim no longer holds
	 */
	int markSent(long claim, List<Long> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				update notification set status = 'SENT', sent_at = now(), last_error = null
				where id in (:ids) and claim = :claim and status = 'SENDING'""")
			.param("ids", ids)
			.param("claim", claim)
			.update();
	}

	/**
	 * @return whether the row was still this claim's and is PENDING again
	 */
	boolean retryLater(long claim, long id, Duration delay, String error) {
		return this.jdbc
			.sql("""
					update notification
					set status = 'PENDING', next_attempt_at = now() + make_interval(secs => :delaySeconds), last_error = :error
					where id = :id and claim = :claim and status = 'SENDING'""")
			.param("delaySeconds", seconds(delay))
			.param("error", error)
			.param("id", id)
			.param("claim", claim)
			.update() == 1;
	}

	/**
	 * @return whether the row was still this claim's and is FAILED now
	 */
	boolean giveUp(long claim, long id, String error) {
		return this.jdbc.sql("""
				update notification set status = 'FAILED', last_error = :error
				where id = :id and claim = :claim and status = 'SENDING'""")
			.param("error", error)
			.param("id", id)
			.param("claim", claim)
			.update() == 1;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
