package dev.orderpipeline.orders.catalog.domain;

import dev.orderpipeline.orders.money.Money;

/** What the catalog says about a product at the moment an order is priced. */
public record ProductPrice(String sku, String name, Money unitPrice, boolean active) {

}
