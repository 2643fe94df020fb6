package dev.orderpipeline.search.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	RebuildRuns(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Records a new rebuild.
	 * @return its id
	 * @throws RebuildAlreadyRunningException if another one has not finished
	 */
	long start() {
		try {
			return this.jdbc.queryForObject("insert into projection_rebuild (state) values ('COPYING') returning id",
					Long.class);
		}
		catch (DuplicateKeyException ex) {
			throw new RebuildAlreadyRunningException();
		}
	}

	void progress(long id, RebuildState state, long recordsRead, long eventsApplied, long recordsSkipped,
			List<PartitionProgress> partitions) {
		this.jdbc.update("""
				update projection_rebuild
				set state = ?, records_read = ?, events_applied = ?, records_skipped = ?, partitions = ?::jsonb
				where id = ?""", state.name(), recordsRead, eventsApplied, recordsSkipped,
				this.json.writeValueAsString(partitions), id);
	}

	void state(long id, RebuildState state) {
		this.jdbc.update("update projection_rebuild set state = ? where id = ?", state.name(), id);
	}

	void done(long id) {
		this.jdbc.update("update projection_rebuild set state = 'DONE', finished_at = now() where id = ?", id);
	}

	void failed(long id, String error) {
		this.jdbc.update("update projection_rebuild set state = 'FAILED', error = ?, finished_at = now() where id = ?",
				error, id);
	}

	/**
	 * Rebuilds that were running when this instance stopped.
	 * @return their ids
	 */
	List<Long> unfinished() {
		return this.jdbc.queryForList("select id from projection_rebuild where state not in ('DONE', 'FAILED')",
				Long.class);
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
