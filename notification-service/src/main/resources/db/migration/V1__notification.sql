-- Notifications to send, one per event that warrants one; a sender (SMTP, a later issue) picks up
-- PENDING rows. The inbox, sequence and dead-letter tables come from the consumer runtime
-- (db/migration/consumer-runtime).
create table order_contact (
    order_id       uuid primary key,
    customer_id    text not null,
    customer_email text not null
);

create table notification (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    order_id    uuid        not null,
    kind        text        not null check (kind in ('ORDER_CONFIRMATION', 'ORDER_CANCELLATION')),
    recipient   text,
    subject     text        not null,
    status      text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'NO_RECIPIENT')),
    created_at  timestamptz not null default now()
);

create index notification_pending on notification (id) where status = 'PENDING';
