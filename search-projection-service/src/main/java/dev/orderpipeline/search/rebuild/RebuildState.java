package dev.orderpipeline.search.rebuild;

/** Where a rebuild is; stored in {@code projection_rebuild.state}. */
enum RebuildState {

	/**
	 * Reading {@code order-events} from the earliest offset to the captured end offsets.
	 */
	COPYING,
	/** Reading what arrived since, before and then while holding the swap lock. */
	CATCHING_UP,
	/** Holding the lock on {@code order_document} and swapping the tables. */
	SWAPPING,
	/** The rebuilt table is now {@code order_document}. */
	DONE,
	/** Gave up; {@code order_document} was left as it was. */
	FAILED;

	boolean finished() {
		return this == DONE || this == FAILED;
	}

}
