package dev.orderpipeline.search.projection;

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
 * V3 on a database that already has documents: they belong to the tenant {@code default},
 * new ones must name their tenant, and the result-order and customer indexes lead with
 * the tenant. Runs the service's migrations into a schema of its own.
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
	void documentsFromBeforeTenancyBelongToTheTenantDefault() {
		migrate("2");
		UUID orderId = UUID.randomUUID();
		this.jdbc
			.update("insert into %s.order_document (order_id, status, customer_id, last_sequence) values (?, ?, ?, ?)"
				.formatted(this.schema), orderId, "PLACED", "c-1", 1L);

		migrate("3");

		assertThat(this.jdbc.queryForObject(
				"select tenant_id from %s.order_document where order_id = ?".formatted(this.schema), String.class,
				orderId))
			.isEqualTo("default");
		assertThat(this.jdbc.queryForObject("""
				select column_default is null and is_nullable = 'NO' from information_schema.columns
				where table_schema = ? and table_name = 'order_document' and column_name = 'tenant_id'""",
				Boolean.class, this.schema))
			.as("new documents must name their tenant")
			.isTrue();
		assertThat(this.jdbc.queryForObject("select indexdef from pg_indexes where schemaname = ? and indexname = ?",
				String.class, this.schema, "order_document_placed"))
			.contains("(tenant_id, placed_at DESC NULLS LAST, order_id)");
		assertThat(this.jdbc.queryForObject("select indexdef from pg_indexes where schemaname = ? and indexname = ?",
				String.class, this.schema, "order_document_customer"))
			.contains("(tenant_id, customer_id, placed_at DESC NULLS LAST, order_id)");
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

}
