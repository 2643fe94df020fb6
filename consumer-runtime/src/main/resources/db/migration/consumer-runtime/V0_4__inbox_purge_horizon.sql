-- The purge's horizon, for reconciliation. Set on the mark the purge last purged to: every inbox
-- row processed before its marked_at is gone, so an event below its end offsets that is not in
-- the inbox may have been applied and purged; one at or above them must be in the inbox. The
-- checker (pipeline-checker) reads the newest purged mark and counts the former as purged, not
-- missing. Older marks are deleted once a newer one was purged to, so there is at most one.
alter table inbox_purge_mark add column purged_at timestamptz;
