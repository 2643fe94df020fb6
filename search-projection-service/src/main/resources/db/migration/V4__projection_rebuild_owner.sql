-- Rebuilds get an owner (issue 13 item 8). The instance running a rebuild writes its id here and
-- renews heartbeat_at while it runs; every later change of the row names the owner and a running
-- state, so an instance whose rebuild was failed in its absence cannot revive or finish it. A start
-- fails only rebuilds whose heartbeat is stale, never one another instance is running.
alter table projection_rebuild
    add column owner        text,
    add column heartbeat_at timestamptz not null default now();
