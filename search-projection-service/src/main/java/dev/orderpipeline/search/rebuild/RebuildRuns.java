package dev.orderpipeline.search.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code projection_rebuild} table: one row per rebuild, updated in the same
 * transaction as each batch the rebuild writes, so the progress shown is what is
 * committed.
 */
@Repository
class RebuildRuns {

	private static final TypeReference<List<PartitionProgress>> PARTITIONS = new TypeReference<>() {
	};

	private static final String RUNNING = "state in ('COPYING', 'CATCHING_UP', 'SWAPPING')";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	RebuildRuns(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Records a new rebuild owned by the caller.
	 * @param owner the instance that runs it
	 * @return its id
	 * @throws RebuildAlreadyRunningException if another one has not finished
	 */
	long start(String owner) {
		try {
			return this.jdbc.queryForObject("""
					insert into projection_rebuild (state, owner, heartbeat_at) values ('COPYING', ?, now())
					returning id""", Long.class, owner);
		}
		catch (DuplicateKeyException ex) {
			throw new RebuildAlreadyRunningException();
		}
	}

	/**
	 * Writes a batch's progress, in the batch's transaction.
	 * @throws RebuildLostException if the rebuild is no longer the owner's to run
	 */
	void progress(long id, String owner, RebuildState state, long recordsRead, long eventsApplied, long recordsSkipped,
			List<PartitionProgress> partitions) {
		guarded(this.jdbc.update("""
				update projection_rebuild
				set state = ?, records_read = ?, events_applied = ?, records_skipped = ?, partitions = ?::jsonb,
				    heartbeat_at = now()
				where id = ? and owner = ? and %s""".formatted(RUNNING), state.name(), recordsRead, eventsApplied,
				recordsSkipped, this.json.writeValueAsString(partitions), id, owner), id);
	}

	/**
	 * @throws RebuildLostException if the rebuild is no longer the owner's to run
	 */
	void state(long id, String owner, RebuildState state) {
		guarded(this.jdbc.update("""
				update projection_rebuild set state = ?, heartbeat_at = now()
				where id = ? and owner = ? and %s""".formatted(RUNNING), state.name(), id, owner), id);
	}

	/**
	 * Renews the owner's heartbeat.
	 * @return whether the rebuild is still the owner's and running
	 */
	boolean heartbeat(long id, String owner) {
		return this.jdbc.update("""
				update projection_rebuild set heartbeat_at = now()
				where id = ? and owner = ? and %s""".formatted(RUNNING), id, owner) == 1;
	}

	/**
	 * Marks the rebuild done, in the swap's transaction: if it is no longer the owner's,
	 * the exception rolls the swap back.
	 * @throws RebuildLostException if the rebuild is no longer the owner's to run
	 */
	void done(long id, String owner) {
		guarded(this.jdbc.update("""
				update projection_rebuild set state = 'DONE', finished_at = now()
				where id = ? and owner = ? and %s""".formatted(RUNNING), id, owner), id);
	}

	/**
	 * @return whether the rebuild was still the owner's (else it was failed already)
	 */
	boolean failed(long id, String owner, String error) {
		return this.jdbc.update("""
				update projection_rebuild set state = 'FAILED', error = ?, finished_at = now()
				where id = ? and owner = ? and %s""".formatted(RUNNING), error, id, owner) == 1;
	}

	/**
	 * Fails the rebuilds whose owner has not renewed its heartbeat within
	 * {@code staleAfter}: that instance stopped or hangs. A rebuild that heartbeats is
	 * another instance's running work and is left alone.
	 * @return the ids failed
	 */
	List<Long> failStale(Duration staleAfter) {
		return this.jdbc.queryForList("""
				update projection_rebuild
				set state = 'FAILED', finished_at = now(),
				    error = 'its owner ' || coalesce(owner, '(unknown)') || ' stopped heartbeating'
				where %s and heartbeat_at < now() - make_interval(secs => ?)
				returning id""".formatted(RUNNING), Long.class, staleAfter.toMillis() / 1000.0);
	}

	private static void guarded(int updated, long id) {
		if (updated != 1) {
			throw new RebuildLostException(id);
		}
	}

	Optional<RebuildStatus> find(long id) {
		return this.jdbc.query("""
				select id, state, records_read, events_applied, records_skipped, partitions, error, started_at,
				       finished_at
				from projection_rebuild where id = ?""", (rs, row) -> status(rs), id).stream().findFirst();
	}

	private RebuildStatus status(ResultSet rs) throws SQLException {
		RebuildState state = RebuildState.valueOf(rs.getString("state"));
		List<PartitionProgress> partitions = this.json.readValue(rs.getString("partitions"), PARTITIONS);
		Timestamp finishedAt = rs.getTimestamp("finished_at");
		return new RebuildStatus(rs.getLong("id"), state, RebuildStatus.percent(state, partitions),
				rs.getLong("records_read"), rs.getLong("events_applied"), rs.getLong("records_skipped"), partitions,
				rs.getString("error"), rs.getTimestamp("started_at").toInstant(),
				(finishedAt != null) ? finishedAt.toInstant() : null);
	}

}
