package dev.orderpipeline.notification.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Health component {@code emailDelivery} (the bean name minus its suffix). Boot's mail
 * health indicator is switched off ({@code management.health.mail.enabled=false}): it
 * would take the whole service DOWN while SMTP is, and a probe acting on that would
 * restart or unroute a consumer that is healthy, still consuming and holding its emails
 * until SMTP is back. This component stays UP and says what the last SMTP round saw and
 * what is waiting, so an operator (and the {@code notifications_*} metrics for alerts)
 * can tell an outage from a quiet day.
 */
@Component
class EmailDeliveryHealthIndicator implements HealthIndicator {

	private final EmailDelivery delivery;

	private final JdbcClient jdbc;

	EmailDeliveryHealthIndicator(EmailDelivery delivery, JdbcClient jdbc) {
		this.delivery = delivery;
		this.jdbc = jdbc;
	}

	@Override
	public Health health() {
		SmtpStatus smtp = this.delivery.smtpStatus();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("smtp", (smtp.at() == null) ? "not used yet" : (smtp.reachable() ? "reachable" : "unreachable"));
		if (smtp.at() != null) {
			details.put("smtpCheckedAt", smtp.at().toString());
		}
		if (smtp.error() != null) {
			details.put("smtpError", smtp.error());
		}
		this.jdbc
			.sql("""
					select count(*) filter (where status in ('PENDING', 'SENDING')) as waiting,
					       count(*) filter (where status = 'FAILED') as failed,
					       coalesce(extract(epoch from now() - min(created_at) filter (where status in ('PENDING', 'SENDING'))), 0)
					           as oldest_waiting_seconds
					from notification""")
			.query((row) -> {
				details.put("waiting", row.getLong("waiting"));
				details.put("failed", row.getLong("failed"));
				details.put("oldestWaitingSeconds", row.getLong("oldest_waiting_seconds"));
			});
		return Health.up().withDetails(details).build();
	}

}
