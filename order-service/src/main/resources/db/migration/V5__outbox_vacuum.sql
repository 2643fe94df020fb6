-- outbox_event is a queue: every row is inserted once and deleted within milliseconds.
-- With the default thresholds (20 % of the table) autovacuum would wait for a large pile of
-- dead tuples, and the relay's "order by id limit n" index scan would wade through them.
-- Vacuum it after every few thousand deletes instead; the table is small, so that is cheap.
alter table outbox_event set (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000
);
