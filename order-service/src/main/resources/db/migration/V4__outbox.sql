-- The transactional outbox. A row is inserted in the transaction that places or cancels an
-- order and deleted by the relay once the broker has acknowledged it, so the table holds
-- only the backlog (plus parked rows) and never grows without bound.
create table outbox_event (
    -- Publication order. Per order, commit order equals id order: a cancellation locks the
    -- order row, which only exists once the placement (with its lower id) has committed.
    id          bigint generated always as identity primary key,
    -- ce_id, generated once when the row is written and kept on every re-publication.
    -- Random UUIDs; no unique index on the hot insert path.
    event_id    uuid         not null,
    order_id    uuid         not null,
    event_type  varchar(100) not null,
    sequence    bigint       not null check (sequence > 0),
    -- The exact bytes that go on the wire (jsonb would normalise them).
    payload     bytea        not null,
    -- Every Kafka header as text: ce_*, content-type, traceparent, ce_correlationid.
    headers     jsonb        not null,
    -- clock_timestamp(), not now(): the time of the insert, close to the commit, rather than
    -- the start of the transaction; commit-to-publish latency is measured from it.
    created_at  timestamptz  not null default clock_timestamp(),
    -- Set when the broker can never accept the row (e.g. larger than it allows); the relay
    -- skips parked rows.
    parked_at   timestamptz,
    last_error  text
);

-- Parked rows are rare; the gauges and operators find them without a scan.
create index outbox_event_parked_idx on outbox_event (id) where parked_at is not null;

-- The sequence of the order's latest event: 1 once placed, incremented under the order row
-- lock by every later event. Orders placed before this migration had their placement (1).
alter table orders add column event_sequence bigint not null default 1;
