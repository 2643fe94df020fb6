package dev.orderpipeline.search.rebuild;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orderpipeline.search.projection.DocumentTable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** DDL on order document tables: create a fresh one, swap it in, drop a leftover. */
@Component
class DocumentTables {

	/**
	 * {@code CREATE [UNIQUE] INDEX <name> ON
	 *
	<table>
	 *  USING ...}: the part after the names.
	 */
	private static final Pattern INDEX_DEFINITION = Pattern.compile("CREATE (UNIQUE )?INDEX \\S+ ON \\S+ (USING .*)");

	private final JdbcTemplate jdbc;

	DocumentTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates an empty table shaped exactly like {@code order_document}: columns,
	 * defaults, the generated tsvector, check constraints and indexes (named after the
	 * new table until it is swapped in).
	 * @param table the table to create
	 */
	void createFresh(DocumentTable table) {
		drop(table);
		this.jdbc.execute("create table %s (like %s including all)".formatted(table.name(), DocumentTable.LIVE.name()));
	}

	void drop(DocumentTable table) {
		this.jdbc.execute("drop table if exists " + table.name());
	}

	/**
	 * Blocks the live consumer's writes (it waits on this lock) but not searches, until
	 * the caller's transaction ends. Every live transaction that wrote before has
	 * committed when this returns.
	 */
	void lockLiveTableAgainstWrites() {
		this.jdbc.execute("lock table %s in exclusive mode".formatted(DocumentTable.LIVE.name()));
	}

	/**
	 * Replaces {@code order_document} by the fresh table in the caller's transaction and
	 * gives the fresh table's indexes the live names, so later migrations can name them.
	 * A live statement waiting on the lock resolves {@code order_document} again once it
	 * gets it, and writes the new table.
	 * @param fresh the rebuilt table
	 */
	void swapIn(DocumentTable fresh) {
		Map<String, String> liveNames = indexNamesByDefinition(DocumentTable.LIVE);
		Map<String, String> freshNames = indexNamesByDefinition(fresh);
		this.jdbc.execute("drop table " + DocumentTable.LIVE.name());
		this.jdbc.execute("alter table %s rename to %s".formatted(fresh.name(), DocumentTable.LIVE.name()));
		freshNames.forEach((definition, freshName) -> {
			String liveName = liveNames.get(definition);
			if (liveName != null) {
				// renaming the primary key's index renames its constraint too
				this.jdbc.execute("alter index %s rename to %s".formatted(freshName, liveName));
			}
		});
	}

	private Map<String, String> indexNamesByDefinition(DocumentTable table) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
				from pg_index i join pg_class c on c.oid = i.indexrelid
				where i.indrelid = cast(? as regclass)""", table.name());
		Map<String, String> names = new HashMap<>();
		for (Map<String, Object> row : rows) {
			Matcher matcher = INDEX_DEFINITION.matcher((String) row.get("definition"));
			if (matcher.matches()) {
				names.put(((matcher.group(1) != null) ? "UNIQUE " : "") + matcher.group(2), (String) row.get("name"));
			}
		}
		return names;
	}

}
