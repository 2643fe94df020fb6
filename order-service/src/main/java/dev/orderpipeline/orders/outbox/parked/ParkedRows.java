package dev.orderpipeline.orders.outbox.parked;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.orders.outbox.OutboxNotifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Parked outbox rows: listed, and put back in the queue by an operator once the cause is
 * fixed (for example the topic's {@code max.message.bytes} raised). A re-queue clears
 * {@code parked_at}, writes an audit row and notifies the active relay, all in one
 * transaction, so a row is never back in the queue without its audit, nor audited without
 * being back. The relay then publishes it like any other row, with its original
 * {@code ce_id} and sequence: a consumer that held back the order's later events (a
 * sequence gap) applies them once this one arrives.
 */
@Repository
public class ParkedRows {

	private static final String COLUMNS = """
			id, event_id, order_id, event_type, sequence, created_at, parked_at, last_error, octet_length(payload)""";

	private final JdbcClient jdbc;

	private final Counter requeued;

	ParkedRows(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.requeued = Counter.builder("outbox.requeued.rows")
			.description("Parked outbox rows an operator put back in the queue")
			.register(registry);
	}

	/** Parked rows with an id above {@code afterId}, oldest first. */
	public List<ParkedRow> list(long afterId, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from outbox_event where parked_at is not null and id > ? order by id limit ?")
			.params(afterId, limit)
			.query(ParkedRows::row)
			.list();
	}

	public Optional<ParkedRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from outbox_event where parked_at is not null and id = ?")
			.param(id)
			.query(ParkedRows::row)
			.optional();
	}

	/**
	 * @return the audit of the re-queue, or empty if the row is not parked (any more)
	 */
	@Transactional
	public Optional<Requeue> requeue(long id, String requeuedBy, String reason) {
		List<Requeue> done = requeueWhere("id = ?", id, requeuedBy, reason);
		return done.stream().findFirst();
	}

	/** Re-queues the oldest {@code limit} parked rows; returns their audits. */
	@Transactional
	public List<Requeue> requeueOldest(int limit, String requeuedBy, String reason) {
		return requeueWhere("true order by id limit ?", limit, requeuedBy, reason);
	}

	/** The latest re-queues, newest first. */
	public List<Requeue> history(int limit) {
		return this.jdbc.sql("""
				select id, outbox_id, event_id, order_id, event_type, parked_at, last_error, requeued_by, reason,
				       requeued_at
				  from outbox_requeue order by id desc limit ?""").param(limit).query(ParkedRows::requeue).list();
	}

	private List<Requeue> requeueWhere(String condition, Object argument, String requeuedBy, String reason) {
		// One statement: lock the parked rows, clear their parking, audit them. A row the
		// relay is parking right now is locked by it; this waits for its commit.
		List<Requeue> done = this.jdbc.sql("""
				with picked as (
				    select id, event_id, order_id, event_type, parked_at, last_error
				      from outbox_event
				     where parked_at is not null and %s
				       for update),
				     unparked as (
				    update outbox_event o set parked_at = null, last_error = null
				      from picked where o.id = picked.id)
				insert into outbox_requeue (outbox_id, event_id, order_id, event_type, parked_at, last_error,
				                            requeued_by, reason)
				select id, event_id, order_id, event_type, parked_at, last_error, ?, ? from picked
				returning id, outbox_id, event_id, order_id, event_type, parked_at, last_error, requeued_by, reason,
				          requeued_at""".formatted(condition))
			.params(argument, requeuedBy, reason)
			.query(ParkedRows::requeue)
			.list()
			.stream()
			.sorted(java.util.Comparator.comparingLong(Requeue::outboxId))
			.toList();
		if (!done.isEmpty()) {
			// Delivered at commit, to whichever instance's relay leads.
			this.jdbc.sql("select pg_notify(?, '')").param(OutboxNotifications.CHANNEL).query().singleRow();
			int count = done.size();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					ParkedRows.this.requeued.increment(count);
				}
			});
		}
		return done;
	}

	private static ParkedRow row(ResultSet rs, int rowNum) throws SQLException {
		return new ParkedRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
				rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
				rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getInt(9));
	}

	private static Requeue requeue(ResultSet rs, int rowNum) throws SQLException {
		return new Requeue(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
				rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8),
				rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant());
	}

}
