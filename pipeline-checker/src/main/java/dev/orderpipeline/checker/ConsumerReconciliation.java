package dev.orderpipeline.checker;

import java.util.List;

/**
 * One consumer group's account of the source topic in the window: "published N, applied
 * N, dead-lettered N, missing: these".
 *
 * @param group the consumer group
 * @param published distinct events (by {@code ce_id}) plus records without a valid id
 * @param applied of those, in the group's inbox
 * @param deadLettered of those, in the group's dead-letter store (and not applied)
 * @param pending of those, not consumed yet (at or after the group's committed offset, or
 * on its retry path)
 * @param purged of those, not in the inbox but below the group's inbox purge horizon: the
 * runtime purged the inbox rows of events processed before its last purge mark, so their
 * application can no longer be proven here (nor disproven); not counted as missing
 * @param missingCount of those, neither applied nor dead-lettered nor pending nor purged
 * @param missing the first of them (capped)
 */
public record ConsumerReconciliation(String group, long published, long applied, long deadLettered, long pending,
		long purged, long missingCount, List<MissingEvent> missing) {

	public ConsumerReconciliation {
		missing = List.copyOf(missing);
	}

}
