package dev.orderpipeline.support.problem;

/**
 * One entry of a validation problem's {@code errors} member.
 *
 * @param field the offending member or parameter ({@code items[0].quantity},
 * {@code limit})
 * @param message what is wrong with it, in the client's terms
 */
public record FieldError(String field, String message) {

}
