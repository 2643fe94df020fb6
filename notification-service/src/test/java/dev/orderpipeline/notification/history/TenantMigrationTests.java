package dev.orderpipeline.notification.history;

import java.util.UUID;

import javax.sql.DataSource;

import dev.orderpipeline.notification.TestSmtpServer;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V3 on a database that already has notifications: they belong to the tenant
 * {@code default} (so only that tenant's ops users see them) and new ones must name their
 * tenant. Runs the service's migrations into a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
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
	void notificationsFromBeforeTenancyBelongToTheTenantDefault() {
		migrate("2");
		UUID eventId = UUID.randomUUID();
		this.jdbc.update("""
				insert into %s.notification (event_id, order_id, kind, recipient, subject, status)
				values (?, ?, 'ORDER_CONFIRMATION', 'ada@example.com', 'Your order', 'SENT')""".formatted(this.schema),
				eventId, UUID.randomUUID());

		migrate("3");

		assertThat(this.jdbc.queryForObject(
				"select tenant_id from %s.notification where event_id = ?".formatted(this.schema), String.class,
				eventId))
			.isEqualTo("default");
		assertThat(this.jdbc.queryForObject("""
				select column_default is null and is_nullable = 'NO' from information_schema.columns
				where table_schema = ? and table_name = 'notification' and column_name = 'tenant_id'""", Boolean.class,
				this.schema))
			.as("new notifications must name their tenant")
			.isTrue();
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
