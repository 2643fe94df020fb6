-- Orders and their lines. A PLACED order's lines are its stock reservations: stock.reserved
-- is the sum of the quantities of the PLACED orders' lines, so no separate reservation table
-- (and no extra insert per line) is needed.
create table orders (
    id             uuid         primary key,
    customer_id    varchar(100) not null,
    customer_email varchar(254) not null,
    status         varchar(16)  not null check (status in ('PLACED', 'CANCELLED')),
    currency       char(3)      not null,
    subtotal_minor bigint       not null check (subtotal_minor >= 0),
    tax_minor      bigint       not null check (tax_minor >= 0),
    total_minor    bigint       not null check (total_minor >= 0),
    tax_rate_bp    integer      not null check (tax_rate_bp between 0 and 10000),
    created_at     timestamptz  not null,
    cancelled_at   timestamptz
);

-- Serves GET /orders?customerId=...[&status=...], newest first.
create index orders_customer_created_idx on orders (customer_id, created_at desc, id desc);

create table order_line (
    order_id         uuid        not null references orders (id),
    line_no          integer     not null check (line_no > 0),
    sku              varchar(64) not null,
    product_name     varchar(200) not null,
    quantity         integer     not null check (quantity > 0),
    unit_price_minor bigint      not null check (unit_price_minor >= 0),
    line_total_minor bigint      not null check (line_total_minor >= 0),
    -- One line per SKU is enforced by validation; no extra unique index on the hot insert path.
    primary key (order_id, line_no)
);
