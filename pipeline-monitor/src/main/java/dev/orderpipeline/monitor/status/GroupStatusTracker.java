package dev.orderpipeline.monitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.orderpipeline.monitor.kafka.GroupObservation;
import dev.orderpipeline.monitor.kafka.PartitionLag;

/**
 * Turns a series of observations into a status per group. It remembers, per group, the
 * total lag over the trend window and, per partition, since when the committed offset has
 * stood still with lag. Used from one thread only (the refresher's).
 */
public class GroupStatusTracker {

	private record Sample(Instant at, long lag) {
	}

	/**
	 * A partition's committed offset and since when it has stood still with lag: the
	 * clock starts at the later of its last move and the first observation with lag, so a
	 * group that idled with nothing to read is not stalled the moment its first events
	 * arrive.
	 */
	private record Standing(Long offset, Instant since, boolean lagging) {
	}

	private final Duration stallAfter;

	private final Duration trendWindow;

	private final Map<String, Deque<Sample>> lagHistory = new HashMap<>();

	private final Map<String, Map<String, Standing>> offsets = new HashMap<>();

	public GroupStatusTracker(Duration stallAfter, Duration trendWindow) {
		this.stallAfter = stallAfter;
		this.trendWindow = trendWindow;
	}

	/**
	 * Records one observation of a group and assesses it.
	 * @param group the observation
	 * @param at when it was made
	 * @return the status and its reason
	 */
	public Assessment assess(GroupObservation group, Instant at) {
		List<String> stalled = trackOffsets(group, at);
		long lag = group.lagMessages();
		Sample reference = trackLag(group.group(), at, lag);
		if (group.members() == 0) {
			return new Assessment(GroupStatus.STOPPED, "no members (state " + group.state() + ")", stalled);
		}
		if (!stalled.isEmpty()) {
			return new Assessment(GroupStatus.STALLED, "committed offset unchanged for at least "
					+ this.stallAfter.toSeconds() + " s with lag on " + String.join(", ", stalled), stalled);
		}
		if (lag > 0 && reference != null && lag > reference.lag()) {
			return new Assessment(GroupStatus.LAGGING, "lag " + lag + " messages, up from " + reference.lag() + " "
					+ Duration.between(reference.at(), at).toSeconds() + " s ago", stalled);
		}
		return new Assessment(GroupStatus.OK, "", stalled);
	}

	/** Forgets groups that are no longer watched. */
	public void retainOnly(Set<String> groups) {
		this.lagHistory.keySet().retainAll(groups);
		this.offsets.keySet().retainAll(groups);
	}

	private List<String> trackOffsets(GroupObservation group, Instant at) {
		Map<String, Standing> previous = this.offsets.getOrDefault(group.group(), Map.of());
		Map<String, Standing> current = new HashMap<>();
		List<String> stalled = new ArrayList<>();
		for (PartitionLag partition : group.partitions()) {
			String key = partition.topic() + "-" + partition.partition();
			Standing before = previous.get(key);
			boolean lagging = partition.lagMessages() > 0;
			boolean standingStillWithLag = before != null && before.lagging() && lagging
					&& Objects.equals(before.offset(), partition.committedOffset());
			Standing now = standingStillWithLag ? before : new Standing(partition.committedOffset(), at, lagging);
			current.put(key, now);
			if (lagging && Duration.between(now.since(), at).compareTo(this.stallAfter) >= 0) {
				stalled.add(key);
			}
		}
		this.offsets.put(group.group(), current);
		stalled.sort(null);
		return stalled;
	}

	/**
	 * Adds a sample and returns the newest one at least a trend window old, or
	 * {@code null} if the history is not that long yet.
	 */
	private Sample trackLag(String group, Instant at, long lag) {
		Deque<Sample> history = this.lagHistory.computeIfAbsent(group, (g) -> new ArrayDeque<>());
		history.addLast(new Sample(at, lag));
		Instant cutoff = at.minus(this.trendWindow);
		Sample reference = null;
		while (!history.isEmpty() && !history.peekFirst().at().isAfter(cutoff)) {
			reference = history.pollFirst();
		}
		if (reference != null) {
			history.addFirst(reference);
		}
		return reference;
	}

}
