package dev.orderpipeline.orders.catalog;

import dev.orderpipeline.orders.order.StockLevel;

/** A product with its current stock. */
public record ProductStock(Product product, StockLevel stock) {

}
