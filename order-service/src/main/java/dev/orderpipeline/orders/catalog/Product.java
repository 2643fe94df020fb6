package dev.orderpipeline.orders.catalog;

import dev.orderpipeline.orders.order.Money;

public record Product(String sku, String name, Money price, boolean active) {

}
