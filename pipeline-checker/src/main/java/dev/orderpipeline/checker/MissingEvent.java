package dev.orderpipeline.checker;

import java.time.Instant;

/**
 * A record on the source topic that a consumer group moved past without applying it and
 * without dead-lettering it.
 *
 * @param eventId its {@code ce_id} in canonical form, or {@code null} if it has none
 * @param type its {@code ce_type}
 * @param subject its {@code ce_subject} (the order id)
 * @param partition where it is on the source topic
 * @param offset where it is on the source topic
 * @param publishedAt its record timestamp
 */
public record MissingEvent(String eventId, String type, String subject, int partition, long offset,
		Instant publishedAt) {

}
