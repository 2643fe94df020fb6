package dev.orderpipeline.checker;

/**
 * One thing that does not hold.
 *
 * @param id what it is about: an order id, an event id, a SKU, a day and currency
 * @param detail what was expected and what was found
 */
public record Violation(String id, String detail) {

}
