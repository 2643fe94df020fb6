-- Every order belongs to a tenant (issue 7); searches are scoped to the caller's tenant. Documents
-- from before tenancy belong to the tenant 'default' (the events' tenantId is optional, and absent
-- means 'default'); a rebuild writes the same value, since it reads the same events.
alter table order_document add column tenant_id text not null default 'default';
alter table order_document alter column tenant_id drop default;

-- The result order and the customer filter, now within one tenant: every search has tenant_id = ?.
drop index order_document_placed;
create index order_document_placed on order_document (tenant_id, placed_at desc nulls last, order_id);
drop index order_document_customer;
create index order_document_customer on order_document (tenant_id, customer_id, placed_at desc nulls last, order_id);
