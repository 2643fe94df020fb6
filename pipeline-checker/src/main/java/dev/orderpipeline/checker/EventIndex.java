package dev.orderpipeline.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The source topic's records by order, in offset order per order. */
final class EventIndex {

	private final Map<String, List<PublishedRecord>> bySubject = new HashMap<>();

	EventIndex(List<PublishedRecord> records) {
		List<PublishedRecord> sorted = new ArrayList<>(records);
		sorted.sort((a, b) -> (a.partition() != b.partition()) ? Integer.compare(a.partition(), b.partition())
				: Long.compare(a.offset(), b.offset()));
		for (PublishedRecord record : sorted) {
			if (record.subject() != null) {
				this.bySubject.computeIfAbsent(record.subject(), (subject) -> new ArrayList<>()).add(record);
			}
		}
	}

	/** Every record about one order, in offset order (within a partition). */
	List<PublishedRecord> of(String subject) {
		return this.bySubject.getOrDefault(subject, List.of());
	}

	/** The records of one order with one sequence. */
	List<PublishedRecord> of(String subject, long sequence) {
		return of(subject).stream()
			.filter((record) -> record.sequence() != null && record.sequence() == sequence)
			.toList();
	}

	/** The id under which an order's event with this sequence was first published. */
	Optional<String> firstId(String subject, long sequence) {
		return of(subject, sequence).stream().map(PublishedRecord::eventId).filter((id) -> id != null).findFirst();
	}

}
