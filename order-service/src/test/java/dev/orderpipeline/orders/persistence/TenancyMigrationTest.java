package dev.orderpipeline.orders.persistence;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.orderpipeline.testing.WithRealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code V6__tenancy.sql} on a database that already holds orders and idempotency keys:
 * they become tenant {@code default}, and afterwards every row must name its tenant. Runs
 * the real migrations in a schema of its own, so the shared schema is not touched.
 */
@SpringBootTest
@WithRealInfrastructure
class TenancyMigrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void ordersAndKeysFromBeforeTenancyBelongToTheDefaultTenant() {
		String schema = "tenancy_migration_" + UUID.randomUUID().toString().substring(0, 8);
		try {
			flyway(schema, "5").migrate();
			UUID legacyOrder = UUID.randomUUID();
			this.jdbc.update("""
					insert into %s.orders (id, customer_id, customer_email, status, currency, subtotal_minor,
					                       tax_minor, total_minor, tax_rate_bp, created_at)
					values (?, 'c-legacy', 'old@example.com', 'PLACED', 'EUR', 100, 20, 120, 2000, now())"""
				.formatted(schema), legacyOrder);
			this.jdbc.update("""
					insert into %s.idempotency_key (customer_id, idempotency_key, request_hash, response_status,
					                                response_body)
					values ('c-legacy', 'k-1', ?, 201, '{}'::bytea)""".formatted(schema), "0".repeat(64));

			flyway(schema, "6").migrate();

			assertThat(this.jdbc.queryForObject("select tenant_id from %s.orders where id = ?".formatted(schema),
					String.class, legacyOrder))
				.isEqualTo("default");
			assertThat(this.jdbc.queryForObject(
					"select tenant_id from %s.idempotency_key where idempotency_key = 'k-1'".formatted(schema),
					String.class))
				.isEqualTo("default");
			assertThatExceptionOfType(org.springframework.dao.DataIntegrityViolationException.class)
				.as("no default any more: a new order must name its tenant")
				.isThrownBy(() -> this.jdbc.update("""
						insert into %s.orders (id, customer_id, customer_email, status, currency, subtotal_minor,
						                       tax_minor, total_minor, tax_rate_bp, created_at)
						values (?, 'c-new', 'new@example.com', 'PLACED', 'EUR', 1, 0, 1, 2000, now())"""
					.formatted(schema), UUID.randomUUID()));
			List<String> indexes = this.jdbc.queryForList(
					"select indexdef from pg_indexes where schemaname = ? and tablename = 'orders'", String.class,
					schema);
			assertThat(indexes)
				.anyMatch((index) -> index.contains("(tenant_id, customer_id, created_at DESC, id DESC)"));
			assertThat(indexes).noneMatch((index) -> index.contains("orders_customer_created_idx"));
			assertThat(this.jdbc.queryForList(
					"select indexdef from pg_indexes where schemaname = ? and tablename = 'idempotency_key'",
					String.class, schema))
				.anyMatch((index) -> index.contains("(tenant_id, customer_id, idempotency_key)"));
		}
		finally {
			this.jdbc.execute("drop schema if exists " + schema + " cascade");
		}
	}

	private Flyway flyway(String schema, String target) {
		return Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(schema)
			.locations("classpath:db/migration")
			.target(target)
			.load();
	}

}
