-- Points per customer of a tenant: placements add, cancellations take back. The consumer
-- runtime's tables (inbox, sequences, held events, dead letters) come with it as V0_n migrations.
create table customer_points (
    tenant_id text not null,
    customer_id text not null,
    points bigint not null,
    primary key (tenant_id, customer_id)
);
