package dev.orderpipeline.orders.catalog.domain;

import dev.orderpipeline.orders.money.Money;

public record Product(String sku, String name, Money price, boolean active) {

}
