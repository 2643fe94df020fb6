package dev.orderpipeline.search.rebuild;

/**
 * How far a rebuild has read one partition of {@code order-events}.
 *
 * @param partition the partition
 * @param beginningOffset the earliest offset when the rebuild started
 * @param endOffset the end offset captured when the rebuild started (the copy reads up to
 * it; the catch-up phases read beyond)
 * @param position the next offset the rebuild will read
 */
record PartitionProgress(int partition, long beginningOffset, long endOffset, long position) {

	long toRead() {
		return Math.max(0, this.endOffset - this.beginningOffset);
	}

	long read() {
		return Math.max(0, Math.min(this.position, this.endOffset) - this.beginningOffset);
	}

}
