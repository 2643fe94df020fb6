-- Every order belongs to a tenant (issue 7). A notification holds a customer's address and the
-- email's bodies, so the API shows it only to the ops users of its tenant. Rows from before
-- tenancy belong to the tenant 'default' (the events' tenantId is optional, and absent means
-- 'default'); the default is dropped afterwards: every new row names its tenant.
alter table notification add column tenant_id text not null default 'default';
alter table notification alter column tenant_id drop default;

-- The listing (newest first) is now always within one tenant; the order and recipient filters
-- keep their indexes and check the tenant on the few rows they find.
create index notification_by_tenant on notification (tenant_id, id);
