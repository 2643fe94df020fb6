package dev.orderpipeline.monitor.reconciliation;

import java.time.Instant;

/**
 * One audited re-delivery.
 *
 * @param at when it was published
 * @param actor who asked (the token's subject)
 * @param group the consumer group it was re-delivered to
 * @param eventId its {@code ce_id}, or {@code null} if it has none
 * @param type its {@code ce_type}
 * @param source where it is on the source topic, {@code topic-partition@offset}
 * @param target where the copy went, {@code topic-partition@offset}
 */
public record RedeliveredEvent(Instant at, String actor, String group, String eventId, String type, String source,
		String target) {

}
