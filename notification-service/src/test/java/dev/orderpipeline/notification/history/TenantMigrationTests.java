package dev.orderpipeline.notification.history;

import dev.orderpipeline.notification.TestSmtpServer;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.migration.TenancyMigration;
import dev.orderpipeline.testing.migration.TenantMigrationContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * V3 on a database that already has notifications: they belong to the tenant
 * {@code default} (so only that tenant's ops users see them), new ones must name their
 * tenant, and the listing's index leads with the tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class TenantMigrationTests extends TenantMigrationContract {

	TenantMigrationTests() {
		super(TenancyMigration.from("2", "3")
			.rowBefore("""
					insert into notification (event_id, order_id, kind, recipient, subject, status)
					values (gen_random_uuid(), gen_random_uuid(), 'ORDER_CONFIRMATION', 'ada@example.com',
					    'Your order', 'SENT')""")
			.tenantTables("notification")
			.index("notification_by_tenant", "(tenant_id, id)"));
	}

}
