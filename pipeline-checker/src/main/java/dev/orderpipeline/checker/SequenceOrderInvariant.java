package dev.orderpipeline.checker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-order order on the source topic: all of an order's records are in one partition
 * (the key is the order id), and its events appear in sequence order. A duplicate may
 * come later (a relay that died before deleting what it had published sends it again);
 * what counts is where each sequence first appears.
 */
final class SequenceOrderInvariant {

	static final String NAME = "order-events: each order's events in sequence order";

	private SequenceOrderInvariant() {
	}

	static InvariantReport check(OrdersSnapshot truth, EventIndex topic, int listLimit) {
		Tally tally = new Tally(NAME, "All of an order's records are in one partition and each sequence first appears"
				+ " after the one before it.", listLimit);
		for (OrderTruth order : truth.orders().values()) {
			String id = order.orderId().toString();
			List<PublishedRecord> records = topic.of(id);
			if (records.isEmpty()) {
				continue;
			}
			Set<Integer> partitions = records.stream().map(PublishedRecord::partition).collect(Collectors.toSet());
			if (partitions.size() > 1) {
				tally.violated(id, "records in partitions " + partitions + " of order-events");
				continue;
			}
			Map<Long, Long> firstOffset = new LinkedHashMap<>();
			for (PublishedRecord record : records) {
				if (record.sequence() != null) {
					firstOffset.putIfAbsent(record.sequence(), record.offset());
				}
			}
			long previous = Long.MIN_VALUE;
			String problem = null;
			for (Map.Entry<Long, Long> first : firstOffset.entrySet()) {
				if (first.getKey() < previous) {
					problem = "sequence " + first.getKey() + " first appears at offset " + first.getValue()
							+ ", after sequence " + previous;
					break;
				}
				previous = first.getKey();
			}
			tally.check(problem == null, id, problem);
		}
		return tally.report();
	}

}
