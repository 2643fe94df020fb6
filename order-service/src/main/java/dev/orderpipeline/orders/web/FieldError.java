package dev.orderpipeline.orders.web;

/** One entry of a problem's {@code errors} member. */
record FieldError(String field, String message) {

}
