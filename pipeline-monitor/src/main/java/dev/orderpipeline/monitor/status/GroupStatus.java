package dev.orderpipeline.monitor.status;

import java.util.Locale;

/** A consumer group's health, derived from its members and the trend of its lag. */
public enum GroupStatus {

	/** Members present, and no lag or lag that is not growing. */
	OK,

	/** Members present, and the lag is higher than it was one trend window ago. */
	LAGGING,

	/**
	 * Members present, but a partition with lag has had the same committed offset for
	 * longer than the stall threshold: the group is stuck on it.
	 */
	STALLED,

	/** No members: nothing consumes, whatever the lag says. */
	STOPPED;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
