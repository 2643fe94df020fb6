package dev.orderpipeline.orders.web;

/** One entry of a problem's {@code errors} member. */
public record FieldError(String field, String message) {

}
