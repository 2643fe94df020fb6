-- Events held back by the ordering gate: an event whose sequence is more than one above the
-- order's last applied sequence waits here, unapplied and not in the inbox, until its
-- predecessor is applied (from the source topic, a retry topic or a replay); it is then applied
-- in the same transaction. Bounded per order (pipeline.consumer.hold.max-events) and in time
-- (pipeline.consumer.hold.max-age): beyond that it goes to the dead-letter topic, never away.
-- The record is kept as consumed, so that it is decoded again on release and dead-lettered
-- faithfully.
create table held_event (
    event_id         uuid primary key,
    subject          text        not null,
    sequence         bigint      not null,
    event_type       text        not null,
    source_topic     text        not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    record_key       text,
    record_value     bytea,
    headers          jsonb       not null,
    held_at          timestamptz not null default now()
);

create index held_event_subject on held_event (subject, sequence);
create index held_event_age on held_event (held_at);
