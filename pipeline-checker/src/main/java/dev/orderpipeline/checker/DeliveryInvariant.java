package dev.orderpipeline.checker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * One consumer group: every event published on the source topic in the window is applied
 * exactly once (its id is in the group's inbox, whose primary key admits it once), or it
 * is in the group's dead-letter store with a reason. A record without a valid id cannot
 * be applied and must be dead-lettered (found by its original coordinates). An event the
 * group has not consumed yet (at or after its committed offset, or on its retry path) is
 * pending. An event below the group's inbox purge horizon that is not in its inbox is
 * purged: its row was removed by the runtime's retention, so it is counted apart and
 * neither held nor violated.
 */
final class DeliveryInvariant {

	private final String group;

	private final int listLimit;

	private final Tally tally;

	private final Set<String> unsettled = new HashSet<>();

	private final List<MissingEvent> missing = new ArrayList<>();

	private long missingCount;

	private ConsumerReconciliation reconciliation;

	DeliveryInvariant(String group, int listLimit) {
		this.group = group;
		this.listLimit = listLimit;
		this.tally = new Tally(name(group),
				"Every event on order-events is in " + group + "'s inbox, or in its"
						+ " dead-letter store with a reason; a record without a valid ce_id is dead-lettered.",
				listLimit);
	}

	static String name(String group) {
		return group + ": applied or dead-lettered";
	}

	/**
	 * @param source the source topic's records in the window
	 * @param retryPath the group's retry and dead-letter topics' records
	 */
	InvariantReport check(List<PublishedRecord> source, List<PublishedRecord> retryPath, GroupOffsets offsets,
			ConsumerSnapshot store) {
		Set<String> inFlight = inFlight(retryPath, offsets);
		Map<String, List<PublishedRecord>> events = new LinkedHashMap<>();
		for (PublishedRecord record : source) {
			String key = (record.eventId() != null) ? record.eventId() : "at " + record.coordinates();
			events.computeIfAbsent(key, (k) -> new ArrayList<>()).add(record);
		}
		Set<String> deadIds = new HashSet<>();
		Map<String, ConsumerSnapshot.DeadLetterEntry> deadAt = new LinkedHashMap<>();
		for (ConsumerSnapshot.DeadLetterEntry entry : store.deadLetters()) {
			if (entry.eventId() != null) {
				deadIds.add(entry.eventId());
			}
			if (entry.origin() != null) {
				deadAt.put(entry.origin(), entry);
			}
		}
		long applied = 0;
		long deadLettered = 0;
		long pending = 0;
		long purged = 0;
		for (Map.Entry<String, List<PublishedRecord>> event : events.entrySet()) {
			List<PublishedRecord> copies = event.getValue();
			PublishedRecord first = copies.get(0);
			String id = first.eventId();
			if (id != null && store.inboxIds().contains(id)) {
				applied++;
				this.tally.held();
				continue;
			}
			List<ConsumerSnapshot.DeadLetterEntry> dead = copies.stream()
				.map((copy) -> deadAt.get(copy.coordinates()))
				.filter((entry) -> entry != null)
				.toList();
			if (!dead.isEmpty() || (id != null && deadIds.contains(id))) {
				deadLettered++;
				boolean reasoned = dead.isEmpty() || dead.stream().anyMatch((entry) -> entry.reason() != null);
				this.tally.check(reasoned, label(first), "dead-lettered without a reason");
				continue;
			}
			boolean notConsumed = copies.stream()
				.anyMatch((copy) -> copy.offset() >= offsets.of(this.group,
						new TopicPartition(copy.topic(), copy.partition())))
					|| (id != null && inFlight.contains(id))
					|| copies.stream().anyMatch((copy) -> inFlight.contains(copy.coordinates()));
			if (!notConsumed && copies.stream().allMatch(store::belowPurgeHorizon)) {
				// Consumed long ago, below a mark the group had committed past: applied
				// (or it would be dead-lettered), and its inbox row went with the purge.
				purged++;
				continue;
			}
			markUnsettled(first);
			if (notConsumed) {
				pending++;
				this.tally.pending();
				continue;
			}
			this.tally.violated(label(first), "neither applied nor dead-lettered, though " + this.group
					+ " committed past " + first.coordinates() + " (" + first.type() + ")");
			this.missingCount++;
			if (this.missing.size() < this.listLimit) {
				this.missing.add(new MissingEvent(id, first.type(), first.subject(), first.partition(), first.offset(),
						first.timestamp()));
			}
		}
		InvariantReport report = this.tally.report();
		this.reconciliation = new ConsumerReconciliation(this.group, events.size(), applied, deadLettered, pending,
				purged, this.missingCount, this.missing);
		return report;
	}

	ConsumerReconciliation reconciliation() {
		return this.reconciliation;
	}

	/** Orders with an event this group has not applied (pending or missing). */
	Set<String> unsettled() {
		return this.unsettled;
	}

	private void markUnsettled(PublishedRecord record) {
		if (record.subject() != null) {
			this.unsettled.add(record.subject());
		}
	}

	/**
	 * Ids and original coordinates of records still on the group's retry path: on a retry
	 * or dead-letter topic at or after the offset its consumers committed.
	 */
	private static Set<String> inFlight(List<PublishedRecord> retryPath, GroupOffsets offsets) {
		Set<String> inFlight = new HashSet<>();
		for (PublishedRecord record : retryPath) {
			if (record.offset() >= offsets.highest(new TopicPartition(record.topic(), record.partition()))) {
				if (record.eventId() != null) {
					inFlight.add(record.eventId());
				}
				if (record.origin() != null) {
					inFlight.add(record.origin());
				}
			}
		}
		return inFlight;
	}

	private static String label(PublishedRecord record) {
		return (record.eventId() != null) ? record.eventId() : record.coordinates();
	}

}
