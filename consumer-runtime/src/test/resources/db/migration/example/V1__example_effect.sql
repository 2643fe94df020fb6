-- The example consumer's effect: one row per applied event. No unique constraint on purpose,
-- so a duplicate effect would show up in the tests instead of being hidden by the table.
create table example_effect (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null,
    order_id     uuid        not null,
    event_type   text        not null,
    total_amount bigint,
    applied_at   timestamptz not null default now()
);

create index example_effect_order on example_effect (order_id);
