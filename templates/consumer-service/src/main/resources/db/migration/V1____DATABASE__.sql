-- __NAME__'s own tables. The consumer runtime's (inbox, sequences, held events, dead letters)
-- come with it as V0_n migrations.
create table __DATABASE___effect (
    event_id uuid primary key,
    order_id uuid not null,
    applied_at timestamptz not null default now()
);
