-- Catalog and stock. Stock lives in its own narrow table so the hot reservation update
-- touches a small row and never contends with catalog edits.
create table product (
    sku         varchar(64)  primary key,
    name        varchar(200) not null,
    price_minor bigint       not null check (price_minor >= 0),
    currency    char(3)      not null,
    active      boolean      not null default true,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

create table stock (
    sku      varchar(64) primary key references product (sku),
    on_hand  bigint      not null default 0 check (on_hand >= 0),
    reserved bigint      not null default 0 check (reserved >= 0),
    -- The last line of defence against overselling: no statement can commit more
    -- reservations than there is stock, whatever the application does.
    constraint stock_reserved_within_on_hand check (reserved <= on_hand)
);
