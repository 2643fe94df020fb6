package dev.orderpipeline.orders.catalog.domain;

/** A line that stock cannot cover: what was asked for and what was available. */
public record Shortage(String sku, long requested, long available) {

}
