package dev.orderpipeline.orders.idempotency;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IdempotencyKeyStore {

	private final JdbcClient jdbc;

	IdempotencyKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes a transaction-scoped advisory lock on the key without waiting. A row lock
	 * cannot do this job: an uncommitted insert is invisible to other transactions, and a
	 * second insert of the same key would block until the first transaction ends.
	 * @return {@code false} if another transaction holds the key right now
	 */
	boolean tryLock(IdempotencyKey key) {
		return Boolean.TRUE.equals(
				this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(key.lockId()).query(Boolean.class).single());
	}

	Optional<Entry> find(IdempotencyKey key) {
		return this.jdbc.sql("""
				select request_hash, response_status, location, response_body
				  from idempotency_key
				 where tenant_id = ? and customer_id = ? and idempotency_key = ?""")
			.params(key.tenantId(), key.customerId(), key.key())
			.query((rs, row) -> new Entry(rs.getString("request_hash"),
					new StoredResponse(rs.getInt("response_status"), rs.getString("location"),
							rs.getBytes("response_body"))))
			.optional();
	}

	void save(IdempotencyKey key, String requestHash, StoredResponse response) {
		this.jdbc.sql("""
				insert into idempotency_key (tenant_id, customer_id, idempotency_key, request_hash,
				                             response_status, location, response_body)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(key.tenantId(), key.customerId(), key.key(), requestHash, response.status(), response.location(),
					response.body())
			.update();
	}

	/**
	 * Deletes up to {@code batchSize} keys created before {@code cutoff}; small batches
	 * keep each purge transaction short.
	 * @return how many keys were deleted
	 */
	int deleteCreatedBefore(Instant cutoff, int batchSize) {
		return this.jdbc.sql("""
				delete from idempotency_key
				 where ctid = any(array(select ctid from idempotency_key where created_at < ? limit ?))""")
			.params(cutoff.atOffset(ZoneOffset.UTC), batchSize)
			.update();
	}

	record Entry(String requestHash, StoredResponse response) {

	}

}
