package dev.orderpipeline.search.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild as {@code GET /projection/rebuild/{id}} shows it.
 *
 * @param id the rebuild
 * @param state where it is
 * @param percent share of the records up to the captured end offsets read so far
 * @param recordsRead records read from {@code order-events}, catch-up included
 * @param eventsApplied events written to the fresh table
 * @param recordsSkipped records that did not decode (the live consumer dead-letters them)
 * @param partitions per-partition offsets and position
 * @param error why it failed
 * @param startedAt when it started
 * @param finishedAt when it finished
 */
record RebuildStatus(long id, RebuildState state, double percent, long recordsRead, long eventsApplied,
		long recordsSkipped, List<PartitionProgress> partitions, String error, Instant startedAt, Instant finishedAt) {

	static double percent(RebuildState state, List<PartitionProgress> partitions) {
		if (state == RebuildState.DONE) {
			return 100.0;
		}
		long toRead = partitions.stream().mapToLong(PartitionProgress::toRead).sum();
		long read = partitions.stream().mapToLong(PartitionProgress::read).sum();
		if (toRead == 0) {
			return partitions.isEmpty() ? 0.0 : 100.0;
		}
		return Math.floor(1000.0 * read / toRead) / 10.0;
	}

}
