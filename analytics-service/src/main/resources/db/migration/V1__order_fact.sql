-- One fact row per order; the daily figures are a view over it, so they do not depend on the order
-- in which placements and cancellations arrive. The inbox, sequence and dead-letter tables come
-- from the consumer runtime (db/migration/consumer-runtime).
create table order_fact (
    order_id       uuid primary key,
    placed_day     date,          -- UTC day of placedAt; null while only the cancellation is known
    currency       text,
    total_amount   bigint,        -- minor units
    source_version int,           -- order.placed major version the fact was read from
    cancelled_at   timestamptz,
    updated_at     timestamptz not null default now()
);

create index order_fact_day on order_fact (placed_day, currency);

create view daily_order_stats as
select placed_day                                                  as day,
       currency,
       count(*)                                                    as orders_placed,
       count(*) filter (where cancelled_at is not null)            as orders_cancelled,
       sum(total_amount)                                           as gross_revenue,
       coalesce(sum(total_amount) filter (where cancelled_at is null), 0) as net_revenue
from order_fact
where placed_day is not null
group by placed_day, currency;
