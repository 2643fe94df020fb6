package dev.orderpipeline.testing.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of a consumer service's tenancy migration, shared by the services that
 * added tenants to a database that already had rows. A service's test extends it with its
 * {@link TenancyMigration} and its Spring test annotations: <pre>
 * &#64;SpringBootTest
 * &#64;WithRealInfrastructure
 * class TenantMigrationTests extends TenantMigrationContract {
 *     TenantMigrationTests() {
 *         super(TenancyMigration.from("2", "3").rowBefore("insert into ...").tenantTables("notification"));
 *     }
 * }
 * </pre> Each test runs the service's own migrations ({@code classpath:db/migration})
 * into a schema of its own, so the service's tables are untouched.
 */
public abstract class TenantMigrationContract {

	private final TenancyMigration migration;

	private final String schema = "tenant_migration_" + UUID.randomUUID().toString().replace("-", "");

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	protected TenantMigrationContract(TenancyMigration migration) {
		this.migration = migration;
	}

	@AfterEach
	void dropSchema() {
		this.jdbc.execute("drop schema if exists " + this.schema + " cascade");
	}

	@Test
	void rowsFromBeforeTenancyKeepTheirValuesAndBelongToTheTenantDefault() {
		assertThat(this.migration.rows).as("rows written before tenancy").isNotEmpty();
		migrate(this.migration.before);
		for (String insert : this.migration.rows) {
			assertThat(this.jdbc.update(insert.replaceFirst("(?i)insert into ", "insert into " + this.schema + ".")))
				.as(insert)
				.isEqualTo(1);
		}
		Map<String, List<String>> before = new TreeMap<>();
		for (String table : this.migration.tenantTables) {
			before.put(table, rows(table));
		}

		migrate(this.migration.tenancy);

		assertThat(before.values().stream().mapToInt(List::size).sum()).isEqualTo(this.migration.rows.size());
		for (String table : this.migration.tenantTables) {
			assertThat(rows(table)).as("rows of " + table + " without their tenant").isEqualTo(before.get(table));
			List<String> tenants = this.jdbc.queryForList("select distinct tenant_id from " + this.schema + "." + table,
					String.class);
			assertThat(tenants).as("tenants of " + table)
				.isEqualTo(before.get(table).isEmpty() ? List.of() : List.of("default"));
		}
	}

	@Test
	void newRowsMustNameTheirTenant() {
		migrate(this.migration.tenancy);

		// The migration's default is for old rows only.
		assertThat(this.jdbc.queryForList("""
				select table_name from information_schema.columns
				where table_schema = ? and column_name = 'tenant_id' and column_default is null and is_nullable = 'NO'
				order by table_name""", String.class, this.schema))
			.containsExactlyElementsOf(this.migration.tenantTables.stream().sorted().toList());
	}

	@Test
	void keysAndIndexesLeadWithTheTenant() {
		assertThat(this.migration.primaryKeys.size() + this.migration.indexes.size()).as("keys and indexes to check")
			.isPositive();
		migrate(this.migration.tenancy);

		this.migration.primaryKeys
			.forEach((table, columns) -> assertThat(primaryKey(table)).as("primary key of " + table)
				.containsExactlyElementsOf(columns)
				.first()
				.isEqualTo("tenant_id"));
		this.migration.indexes.forEach((name, columns) -> {
			assertThat(columns).as("index " + name).startsWith("(tenant_id");
			assertThat(
					this.jdbc.queryForObject("select indexdef from pg_indexes where schemaname = ? and indexname = ?",
							String.class, this.schema, name))
				.as("index " + name)
				.contains(columns);
		});
	}

	private void migrate(String target) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(this.schema)
			.locations("classpath:db/migration")
			.target(target)
			.load()
			.migrate();
	}

	/**
	 * The table's rows without their tenant, each as sorted column=value pairs, sorted.
	 */
	private List<String> rows(String table) {
		List<String> rows = new ArrayList<>();
		for (Map<String, Object> row : this.jdbc.queryForList("select * from " + this.schema + "." + table)) {
			Map<String, Object> values = new TreeMap<>(row);
			values.remove("tenant_id");
			rows.add(values.toString());
		}
		rows.sort(null);
		return rows;
	}

	private List<String> primaryKey(String table) {
		return this.jdbc.queryForList("""
				select a.attname from pg_index i
				join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = cast(? as regclass) and i.indisprimary
				order by array_position(cast(i.indkey as smallint[]), a.attnum)""", String.class,
				this.schema + "." + table);
	}

}
