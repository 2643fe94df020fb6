-- The inbox: one row per applied event, written in the same transaction as the event's effect,
-- so a redelivered event is recognised and changes nothing.
create table processed_event (
    event_id     uuid primary key,
    event_type   text        not null,
    order_id     text        not null,
    processed_at timestamptz not null default now()
);
