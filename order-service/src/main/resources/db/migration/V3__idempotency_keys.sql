-- Idempotency keys of POST /orders, scoped per customer so two customers' keys never
-- collide. A row is written in the same transaction as the order it produced, so a key is
-- either absent or bound to a committed response.
create table idempotency_key (
    customer_id     varchar(100) not null,
    idempotency_key varchar(255) not null,
    request_hash    char(64)     not null,
    response_status integer      not null,
    response_body   bytea        not null,
    location        varchar(500),
    created_at      timestamptz  not null default now(),
    primary key (customer_id, idempotency_key)
);

-- Serves the purge of keys older than the retention period.
create index idempotency_key_created_idx on idempotency_key (created_at);
