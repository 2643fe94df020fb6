-- One searchable document per order, projected from order events. The inbox, sequence and
-- dead-letter tables come from the consumer runtime (db/migration/consumer-runtime).
-- Placement columns are nullable: a cancellation can arrive before its placement (after a retry),
-- and the placement then fills them in without undoing the cancellation.
create table order_document (
    order_id        uuid primary key,
    status          text        not null check (status in ('PLACED', 'CANCELLED')),
    customer_id     text,
    customer_email  text,
    currency        text,
    total_amount    bigint,
    skus            text        not null default '',
    product_names   text        not null default '',
    placed_at       timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null default now(),
    search_text     tsvector generated always as (
        to_tsvector('simple'::regconfig, coalesce(customer_email, '') || ' ' || coalesce(customer_id, '') || ' '
            || skus || ' ' || product_names)) stored
);

create index order_document_search on order_document using gin (search_text);
create index order_document_customer on order_document (customer_id);
