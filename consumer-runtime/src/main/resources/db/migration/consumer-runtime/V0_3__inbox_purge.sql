-- Purging the inbox (issue 13 item 9). An inbox row may go only once its event can no longer be
-- delivered to this group again: every partition the group reads has committed past it. The
-- purge records marks: a time T taken before the end offsets E of every topic the group reads.
-- Every row processed before T belongs to a record below E (it was appended before T, and E was
-- read after T), so once the group's committed offsets reach E on every partition, and T is
-- older than the retention (the window in which the relay may still publish a duplicate), the
-- rows processed before T are purged. Never by age alone: with auto.offset.reset=earliest, a
-- group that has not committed yet reads the topic from its beginning.
create table inbox_purge_mark (
    id          bigint generated always as identity primary key,
    marked_at   timestamptz not null,
    -- [{"topic": "order-events", "partition": 0, "offset": 42}, ...]
    end_offsets jsonb       not null
);

-- Time-ordered, so each insert appends at the right edge of this index (no random I/O); it lets
-- the purge find the oldest rows without scanning the table.
create index processed_event_processed_at on processed_event (processed_at);
