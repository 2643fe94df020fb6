-- Figures are kept in aggregate tables updated in the handler's transaction, so a read touches one
-- row per day and currency (or per day, currency and SKU) instead of every order of the range.
-- order_fact stays as the per-order ledger that makes the updates order-independent and
-- idempotent: an order's contribution is added exactly once, when its placement becomes known,
-- and its reversal exactly once, when both its placement and its cancellation are known.

drop view daily_order_stats;

alter table order_fact
    add column cancelled_day   date,      -- UTC day of cancelledAt
    add column line_skus       text[],    -- the placement's lines, kept to reverse them on cancellation
    add column line_quantities int[],
    add column line_totals     bigint[];

update order_fact set cancelled_day = (cancelled_at at time zone 'UTC')::date where cancelled_at is not null;

-- Keyed by the placement's UTC day, except cancellations_on_day (keyed by the cancellation's UTC day).
create table daily_order_totals (
    day                 date   not null,
    currency            text   not null,
    orders_placed       bigint not null default 0,
    gross_revenue       bigint not null default 0, -- order totals (tax included), minor units
    orders_cancelled    bigint not null default 0, -- of the orders placed that day
    cancelled_revenue   bigint not null default 0,
    cancellations_on_day bigint not null default 0, -- orders cancelled that day, whatever their placement day
    primary key (day, currency)
);

-- Keyed by the placement's UTC day; revenue is the line totals (before tax).
create table daily_sku_totals (
    day               date   not null,
    currency          text   not null,
    sku               text   not null,
    units_sold        bigint not null default 0,
    gross_revenue     bigint not null default 0,
    units_cancelled   bigint not null default 0,
    cancelled_revenue bigint not null default 0,
    primary key (day, currency, sku)
);

-- Facts recorded under V1 (local data only, V1 was never released) carry no lines: they count in the
-- daily figures but not per SKU.
insert into daily_order_totals (day, currency, orders_placed, gross_revenue, orders_cancelled, cancelled_revenue)
select placed_day, currency, count(*), sum(total_amount),
       count(*) filter (where cancelled_at is not null),
       coalesce(sum(total_amount) filter (where cancelled_at is not null), 0)
from order_fact
where placed_day is not null
group by placed_day, currency;

insert into daily_order_totals (day, currency, cancellations_on_day)
select cancelled_day, currency, count(*)
from order_fact
where placed_day is not null and cancelled_day is not null
group by cancelled_day, currency
on conflict (day, currency) do update set cancellations_on_day = excluded.cancellations_on_day;
