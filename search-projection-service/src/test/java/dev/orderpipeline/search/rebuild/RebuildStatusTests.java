package dev.orderpipeline.search.rebuild;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildStatusTests {

	@Test
	void percentIsTheShareOfRecordsReadUpToTheCapturedEndOffsets() {
		List<PartitionProgress> partitions = List.of(new PartitionProgress(0, 0, 100, 50),
				new PartitionProgress(1, 20, 120, 120), new PartitionProgress(2, 0, 200, 0));

		assertThat(RebuildStatus.percent(RebuildState.COPYING, partitions)).isEqualTo(37.5);
	}

	@Test
	void readingPastTheCapturedEndDuringCatchUpDoesNotGoOverAHundred() {
		List<PartitionProgress> partitions = List.of(new PartitionProgress(0, 0, 10, 25));

		assertThat(RebuildStatus.percent(RebuildState.CATCHING_UP, partitions)).isEqualTo(100.0);
	}

	@Test
	void anEmptyTopicIsFullyReadAndDoneIsAHundred() {
		assertThat(RebuildStatus.percent(RebuildState.COPYING, List.of(new PartitionProgress(0, 5, 5, 5))))
			.isEqualTo(100.0);
		assertThat(RebuildStatus.percent(RebuildState.DONE, List.of())).isEqualTo(100.0);
	}

}
