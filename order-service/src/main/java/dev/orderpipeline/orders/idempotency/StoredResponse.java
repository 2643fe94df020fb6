package dev.orderpipeline.orders.idempotency;

/**
 * A response exactly as it was first sent, so a replay is byte for byte the same.
 *
 * @param status the HTTP status
 * @param location the Location header, or {@code null}
 * @param body the response body, already serialized
 */
public record StoredResponse(int status, String location, byte[] body) {

}
