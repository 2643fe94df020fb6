package dev.orderpipeline.orders.order.domain;

/**
 * What is wrong with one field of a request, addressed by its JSON path (for example
 * {@code items[1].quantity}).
 */
public record Violation(String field, String message) {

}
