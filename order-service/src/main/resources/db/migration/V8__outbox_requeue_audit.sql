-- Who put which parked outbox row back in the queue, when and why. The outbox row itself is
-- deleted once it is published, so this table is the lasting record of the operator's action
-- (and of the error the row was parked with).
create table outbox_requeue (
    id           bigint generated always as identity primary key,
    outbox_id    bigint       not null,
    event_id     uuid         not null,
    order_id     uuid         not null,
    event_type   varchar(100) not null,
    parked_at    timestamptz  not null,
    last_error   text,
    requeued_by  varchar(255) not null,
    reason       varchar(500) not null,
    requeued_at  timestamptz  not null default clock_timestamp()
);

create index outbox_requeue_outbox_id_idx on outbox_requeue (outbox_id);
