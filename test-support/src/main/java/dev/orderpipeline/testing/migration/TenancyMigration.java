package dev.orderpipeline.testing.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service's tenancy migration must do, for {@link TenantMigrationContract}: the
 * version before it and its own, rows written before it, the tables whose rows must name
 * their tenant afterwards, and the keys and indexes that must lead with the tenant.
 */
public final class TenancyMigration {

	final String before;

	final String tenancy;

	final List<String> rows = new ArrayList<>();

	final List<String> tenantTables = new ArrayList<>();

	final Map<String, List<String>> primaryKeys = new LinkedHashMap<>();

	final Map<String, String> indexes = new LinkedHashMap<>();

	private TenancyMigration(String before, String tenancy) {
		this.before = before;
		this.tenancy = tenancy;
	}

	/**
	 * The migration to that version, from the one before it.
	 * @param before the last version without tenants
	 * @param tenancy the version that adds them
	 * @return the expectations, none yet
	 */
	public static TenancyMigration from(String before, String tenancy) {
		return new TenancyMigration(before, tenancy);
	}

	/**
	 * A row written before tenancy; it must keep its values and belong to the tenant
	 * {@code default} afterwards.
	 * @param insert an insert statement with plain table names (they resolve in the
	 * migration's own schema) and literal values
	 * @return these expectations
	 */
	public TenancyMigration rowBefore(String insert) {
		this.rows.add(insert);
		return this;
	}

	/**
	 * All the tables whose {@code tenant_id} must be given by every new row (not null, no
	 * default) once migrated.
	 */
	public TenancyMigration tenantTables(String... tables) {
		this.tenantTables.addAll(List.of(tables));
		return this;
	}

	/** A primary key that must have exactly these columns, in this order. */
	public TenancyMigration primaryKey(String table, String... columns) {
		this.primaryKeys.put(table, List.of(columns));
		return this;
	}

	/**
	 * An index whose definition must contain that column list, e.g.
	 * {@code (tenant_id, placed_at DESC NULLS LAST, order_id)}.
	 */
	public TenancyMigration index(String name, String columns) {
		this.indexes.put(name, columns);
		return this;
	}

}
