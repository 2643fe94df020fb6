-- Tables of the shared consumer runtime (module consumer-runtime). A consumer service adds
-- classpath:db/migration/consumer-runtime to spring.flyway.locations. Versioned V0_x so they run
-- before the service's own V1 and the service's tables may refer to them.

-- The inbox: one row per applied event, written in the same transaction as the event's effect,
-- so a redelivered event is recognised and changes nothing.
create table processed_event (
    event_id     uuid primary key,
    event_type   text        not null,
    order_id     text        not null,
    processed_at timestamptz not null default now()
);

-- The highest per-order sequence applied, to tell gaps and late (stale) events.
create table event_sequence (
    subject       text primary key,
    last_sequence bigint      not null,
    updated_at    timestamptz not null default now()
);

-- Every record that reached the group's dead-letter topic, with what is needed to show and replay it.
create table dead_letter (
    id                 bigint generated always as identity primary key,
    dlt_topic          text        not null,
    dlt_partition      int         not null,
    dlt_offset         bigint      not null,
    original_topic     text,
    original_partition int,
    original_offset    bigint,
    event_id           text,
    event_type         text,
    subject            text,
    exception_class    text,
    exception_message  text,
    stack_trace        text,
    first_failed_at    timestamptz not null,
    dead_lettered_at   timestamptz not null default now(),
    record_key         text,
    record_value       bytea,
    headers            jsonb       not null,
    replayed_at        timestamptz,
    replay_count       int         not null default 0,
    unique (dlt_topic, dlt_partition, dlt_offset)
);

create index dead_letter_pending on dead_letter (id) where replayed_at is null;
