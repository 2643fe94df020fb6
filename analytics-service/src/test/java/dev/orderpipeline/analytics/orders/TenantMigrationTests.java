package dev.orderpipeline.analytics.orders;

import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.migration.TenancyMigration;
import dev.orderpipeline.testing.migration.TenantMigrationContract;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * V4 on a database that already has figures: they stay as they were, in the tenant
 * {@code default}, new ones must name their tenant, and the aggregate tables' keys lead
 * with the tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class TenantMigrationTests extends TenantMigrationContract {

	TenantMigrationTests() {
		super(TenancyMigration.from("3", "4")
			.rowBefore("""
					insert into order_fact (order_id, placed_day, currency, total_amount)
					values (gen_random_uuid(), '2026-01-02', 'EUR', 700)""")
			.rowBefore("""
					insert into daily_order_totals (day, currency, orders_placed, gross_revenue)
					values ('2026-01-02', 'EUR', 1, 700)""")
			.rowBefore("""
					insert into daily_sku_totals (day, currency, sku, units_sold, gross_revenue)
					values ('2026-01-02', 'EUR', 'PEN', 2, 700)""")
			.tenantTables("daily_order_totals", "daily_sku_totals", "order_fact")
			.primaryKey("daily_order_totals", "tenant_id", "day", "currency")
			.primaryKey("daily_sku_totals", "tenant_id", "day", "currency", "sku"));
	}

}
