-- Every order belongs to a tenant (issue 7). Orders placed before tenancy belong to tenant
-- 'default'. Adding a column with a constant default is a catalog-only change in
-- PostgreSQL 11+ (no table rewrite); the default is dropped again right after, so every
-- new row must name its tenant.
alter table orders add column tenant_id varchar(64) not null default 'default';
alter table orders alter column tenant_id drop default;

-- Customer ids are unique only within their tenant: listing is by (tenant, customer),
-- newest first. Reads and cancels by id use the primary key and check the owner on the
-- row, so they need no index of their own.
drop index orders_customer_created_idx;
create index orders_tenant_customer_created_idx on orders (tenant_id, customer_id, created_at desc, id desc);

-- Idempotency keys were scoped per customer id; scope them per (tenant, customer), the
-- caller from the access token, so equal customer ids in two tenants never share a key.
alter table idempotency_key add column tenant_id varchar(64) not null default 'default';
alter table idempotency_key alter column tenant_id drop default;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (tenant_id, customer_id, idempotency_key);
