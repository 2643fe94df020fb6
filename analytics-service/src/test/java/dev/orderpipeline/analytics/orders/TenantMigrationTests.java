package dev.orderpipeline.analytics.orders;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.orderpipeline.testing.WithRealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V4 on a database that already has figures: they stay as they were, in the tenant
 * {@code default}, and the aggregate tables' keys lead with the tenant. Runs the
 * service's migrations into a schema of its own, so the service's tables are untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class TenantMigrationTests {

	private final String schema = "tenant_migration_" + UUID.randomUUID().toString().replace("-", "");

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void dropSchema() {
		this.jdbc.execute("drop schema if exists " + this.schema + " cascade");
	}

	@Test
	void figuresFromBeforeTenancyBelongToTheTenantDefaultAndTheKeysLeadWithTheTenant() {
		migrate("3");
		UUID orderId = UUID.randomUUID();
		this.jdbc.update("insert into %s.order_fact (order_id, placed_day, currency, total_amount) values (?, ?, ?, ?)"
			.formatted(this.schema), orderId, java.sql.Date.valueOf("2026-01-02"), "EUR", 700L);
		this.jdbc.update("""
				insert into %s.daily_order_totals (day, currency, orders_placed, gross_revenue)
				values ('2026-01-02', 'EUR', 1, 700)""".formatted(this.schema));
		this.jdbc.update("""
				insert into %s.daily_sku_totals (day, currency, sku, units_sold, gross_revenue)
				values ('2026-01-02', 'EUR', 'PEN', 2, 700)""".formatted(this.schema));

		migrate("4");

		assertThat(this.jdbc.queryForObject(
				"select tenant_id from %s.order_fact where order_id = ?".formatted(this.schema), String.class, orderId))
			.isEqualTo("default");
		assertThat(this.jdbc.queryForList("select tenant_id || ' ' || orders_placed || ' ' || gross_revenue from "
				+ this.schema + ".daily_order_totals", String.class))
			.containsExactly("default 1 700");
		assertThat(this.jdbc.queryForList(
				"select tenant_id || ' ' || sku || ' ' || units_sold from " + this.schema + ".daily_sku_totals",
				String.class))
			.containsExactly("default PEN 2");
		assertThat(primaryKey("daily_order_totals")).containsExactly("tenant_id", "day", "currency");
		assertThat(primaryKey("daily_sku_totals")).containsExactly("tenant_id", "day", "currency", "sku");
		// Every new row must name its tenant: the migration's default is for old rows
		// only.
		assertThat(this.jdbc.queryForList("""
				select table_name from information_schema.columns
				where table_schema = ? and column_name = 'tenant_id' and column_default is null and is_nullable = 'NO'
				order by table_name""", String.class, this.schema)).containsExactly("daily_order_totals",
				"daily_sku_totals", "order_fact");
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

	private List<String> primaryKey(String table) {
		return this.jdbc.queryForList("""
				select a.attname from pg_index i
				join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = cast(? as regclass) and i.indisprimary
				order by array_position(cast(i.indkey as smallint[]), a.attnum)""", String.class,
				this.schema + "." + table);
	}

}
