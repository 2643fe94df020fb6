-- Every order belongs to a tenant (issue 7) and the figures are per tenant: the tenant leads the
-- aggregate tables' primary keys, so a read scans one tenant's range of days and nothing else.
-- Rows from before tenancy belong to the tenant 'default' (the events' tenantId is optional, and
-- absent means 'default'). The defaults are dropped afterwards: every new row names its tenant.

alter table order_fact add column tenant_id text not null default 'default';
alter table order_fact alter column tenant_id drop default;

alter table daily_order_totals add column tenant_id text not null default 'default';
alter table daily_order_totals alter column tenant_id drop default;
alter table daily_order_totals drop constraint daily_order_totals_pkey;
alter table daily_order_totals add primary key (tenant_id, day, currency);

alter table daily_sku_totals add column tenant_id text not null default 'default';
alter table daily_sku_totals alter column tenant_id drop default;
alter table daily_sku_totals drop constraint daily_sku_totals_pkey;
alter table daily_sku_totals add primary key (tenant_id, day, currency, sku);
