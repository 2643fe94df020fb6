-- Email delivery: the rendered message is stored with the notification in the consumer's
-- transaction; a sender hands it to SMTP after the commit and records the outcome here.
--   PENDING      waiting for its first or next attempt (next_attempt_at)
--   SENDING      claimed by a sender until next_attempt_at (a lease: a sender that died is replaced)
--   SENT         accepted by the SMTP server at sent_at
--   FAILED       given up (attempts exhausted or rejected for good); POST /notifications/{id}/resend
--   NO_RECIPIENT nothing to send to (a cancellation for an order this service never saw placed)
alter table notification
    add column text_body       text,
    add column html_body       text,
    add column attempts        integer     not null default 0,
    add column next_attempt_at timestamptz not null default now(),
    add column sent_at         timestamptz,
    add column last_error      text;

alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'NO_RECIPIENT'));

-- Rows written by V1 had no body to send: give them up visibly instead of sending an empty mail.
update notification
set status = 'FAILED', last_error = 'recorded before message bodies were stored'
where status = 'PENDING';

drop index notification_pending;
create index notification_due on notification (next_attempt_at) where status in ('PENDING', 'SENDING');
create index notification_by_order on notification (order_id, id);
create index notification_by_recipient on notification (recipient, id);
create index notification_failed on notification (id) where status = 'FAILED';

-- What a cancellation email repeats from the placement: the lines and totals (JSON).
alter table order_contact add column summary jsonb;
