package dev.orderpipeline.faults;

/**
 * The faults the suite injects, each at least three times in a full run.
 */
enum FaultKind {

	/** kill -9 of the order-service instance whose relay is active. */
	KILL_ACTIVE_RELAY("kill -9 of the order-service instance running the active relay"),

	/** kill -9 of a consumer instance while its batches are in flight. */
	KILL_CONSUMER("kill -9 of a consumer instance mid-batch"),

	/** kill -9 of a broker node. */
	KILL_BROKER("kill -9 of a broker"),

	/** A controlled shutdown of a broker node, then a start. */
	RESTART_BROKER("graceful stop and start of a broker"),

	/** A fast shutdown of PostgreSQL (sessions ended), then a start. */
	RESTART_POSTGRES("graceful stop and start of PostgreSQL"),

	/**
	 * SIGSTOP of a process for longer than the session timeout that covers it, then
	 * SIGCONT.
	 */
	FREEZE_PROCESS("a process frozen (SIGSTOP) beyond its session timeout"),

	/** The second instances' connections to PostgreSQL lose every packet, then heal. */
	DROP_PACKETS("connections that drop packets silently"),

	/** Records of order-events published again, as they are, by an outside producer. */
	OUTSIDE_DUPLICATES("duplicate deliveries from an outside producer"),

	/**
	 * Events of the same orders published again, newest first, by an outside producer.
	 */
	OUTSIDE_REORDERED("reordered deliveries from an outside producer"),

	/** Malformed records of many kinds from an outside producer. */
	OUTSIDE_POISON("poison records from an outside producer");

	private final String description;

	FaultKind(String description) {
		this.description = description;
	}

	String description() {
		return this.description;
	}

}
