package dev.orderpipeline.orders.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The backlog gauges. A scrape only reads the last sample; the table is read every
 * {@code orders.outbox.metrics-refresh-interval} (one statement, one pooled connection
 * for a few milliseconds), so scrapes cost the database nothing however often they come.
 * Every instance samples: the numbers describe the shared table, not the instance.
 */
class OutboxBacklog {

	private static final Logger logger = LoggerFactory.getLogger(OutboxBacklog.class);

	private final JdbcClient jdbc;

	private volatile Sample last = new Sample(0, 0, 0);

	OutboxBacklog(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		Gauge.builder("outbox.pending.rows", this, (backlog) -> backlog.last.pending())
			.description("Outbox rows waiting to be published (parked rows excluded)")
			.register(registry);
		Gauge.builder("outbox.oldest.pending.age.seconds", this, (backlog) -> backlog.last.oldestAgeSeconds())
			.description("Age of the oldest row waiting to be published; 0 when none waits")
			.register(registry);
		Gauge.builder("outbox.parked.rows", this, (backlog) -> backlog.last.parked())
			.description("Outbox rows set aside because the broker will never accept them")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${orders.outbox.metrics-refresh-interval:PT5S}")
	void refresh() {
		try {
			// Pending rows are the relay's working set (it deletes what it publishes), so
			// the
			// count stays cheap unless the broker has been away for a long time; the
			// parked
			// count and the oldest row come from indexes.
			this.last = this.jdbc.sql("""
					select (select count(*) from outbox_event where parked_at is null) as pending,
					       (select count(*) from outbox_event where parked_at is not null) as parked,
					       coalesce(extract(epoch from clock_timestamp() - (
					           select created_at from outbox_event where parked_at is null order by id limit 1)), 0)
					           as oldest_age""")
				.query((rs, rowNum) -> new Sample(rs.getLong("pending"), rs.getLong("parked"),
						rs.getDouble("oldest_age")))
				.single();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not sample the outbox backlog; keeping the last sample", ex);
		}
	}

	private record Sample(long pending, long parked, double oldestAgeSeconds) {

	}

}
