package dev.orderpipeline.search.projection;

import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.migration.TenancyMigration;
import dev.orderpipeline.testing.migration.TenantMigrationContract;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * V3 on a database that already has documents: they belong to the tenant {@code default},
 * new ones must name their tenant, and the result-order and customer indexes lead with
 * the tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class TenantMigrationTests extends TenantMigrationContract {

	TenantMigrationTests() {
		super(TenancyMigration.from("2", "3")
			.rowBefore("""
					insert into order_document (order_id, status, customer_id, last_sequence)
					values (gen_random_uuid(), 'PLACED', 'c-1', 1)""")
			.tenantTables("order_document")
			.index("order_document_placed", "(tenant_id, placed_at DESC NULLS LAST, order_id)")
			.index("order_document_customer", "(tenant_id, customer_id, placed_at DESC NULLS LAST, order_id)"));
	}

}
