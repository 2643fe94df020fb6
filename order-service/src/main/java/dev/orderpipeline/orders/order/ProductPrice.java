package dev.orderpipeline.orders.order;

/** What the catalog says about a product at the moment an order is priced. */
public record ProductPrice(String sku, String name, Money unitPrice, boolean active) {

}
