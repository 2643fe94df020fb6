-- Reads now come from the aggregate tables; the V1 index on order_fact (placed_day, currency) only
-- cost every placement an index insert.
drop index if exists order_fact_day;
