-- Why an order was cancelled, as given by the caller of the cancel API (issue 16): kept
-- with the order and published in order.cancelled.v2. Null when none was given and for
-- orders cancelled before this column. Bounded like CancelReason.MAX_LENGTH.
alter table orders add column cancel_reason varchar(500);
