create table product (
    sku         varchar(64) primary key,
    name        varchar(200) not null,
    price_minor bigint       not null check (price_minor >= 0),
    currency    char(3)      not null,
    active      boolean      not null default true,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);
