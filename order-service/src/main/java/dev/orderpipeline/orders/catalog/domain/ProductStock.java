package dev.orderpipeline.orders.catalog.domain;

/** A product with its current stock. */
public record ProductStock(Product product, StockLevel stock) {

}
