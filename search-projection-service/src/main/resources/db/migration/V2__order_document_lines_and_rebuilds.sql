-- Lines and totals in the document, an array of SKUs for the exact sku filter, and the record of
-- projection rebuilds. V1 may exist in a teammate's local database, so this is a new version.

-- The space-joined SKUs feed the generated tsvector (array_to_string is not immutable, so the
-- generated column cannot read an array); the array below serves the exact sku filter.
alter table order_document rename column skus to sku_words;

alter table order_document
    add column skus            text[] not null default '{}',
    add column lines           jsonb  not null default '[]'::jsonb,
    add column subtotal_amount bigint,
    add column tax_amount      bigint;

create index order_document_skus on order_document using gin (skus);
-- Newest first with the order id as tie-breaker: the order the search endpoint pages in.
create index order_document_placed on order_document (placed_at desc nulls last, order_id);
drop index order_document_customer;
create index order_document_customer on order_document (customer_id, placed_at desc nulls last, order_id);

-- One row per rebuild of order_document from the earliest offset of order-events.
create table projection_rebuild (
    id            bigint generated always as identity primary key,
    -- COPYING from the earliest offset, CATCHING_UP past the captured end offsets, SWAPPING the
    -- tables, then DONE or FAILED.
    state         text        not null
                  check (state in ('COPYING', 'CATCHING_UP', 'SWAPPING', 'DONE', 'FAILED')),
    records_read   bigint      not null default 0,
    events_applied bigint      not null default 0,
    -- records that do not decode (the live consumer dead-letters them): skipped
    records_skipped bigint     not null default 0,
    -- [{"partition": 0, "beginningOffset": 0, "endOffset": 42, "position": 17}, ...]
    partitions    jsonb       not null default '[]'::jsonb,
    error         text,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz
);

-- At most one rebuild at a time, enforced by the database rather than by a flag in memory.
create unique index projection_rebuild_one_running on projection_rebuild ((true)) where state not in ('DONE', 'FAILED');
