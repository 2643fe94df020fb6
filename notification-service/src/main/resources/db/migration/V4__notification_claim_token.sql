-- A fencing token for the sender's lease (issue 13 item 7). Every claim takes a new token
-- from the sequence and writes it to the rows it claims; every later update of those rows
-- (renewing the lease, SENT, back to PENDING, FAILED) names the token it was given. A sender
-- that outlived its lease (a GC pause, a stalled SMTP server) holds an older token than the
-- sender that took its rows over, so its updates match no row.
-- One token per claim statement rather than a per-row counter: a batch's outcome stays one
-- statement, and the token still grows with every claim of every row.
create sequence notification_claim;

alter table notification add column claim bigint not null default 0;
