package dev.orderpipeline.monitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.orderpipeline.monitor.kafka.DeadLetterTopic;
import dev.orderpipeline.monitor.kafka.GroupObservation;
import dev.orderpipeline.monitor.kafka.PartitionLag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupStatusTrackerTest {

	private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

	private final GroupStatusTracker tracker = new GroupStatusTracker(Duration.ofSeconds(60), Duration.ofSeconds(30));

	@Test
	void noMembersIsStoppedWhateverTheLag() {
		assertThat(assess(0, 0L, 0, 0).status()).isEqualTo(GroupStatus.STOPPED);
		assertThat(assess(0, 5L, 100, 0).status()).isEqualTo(GroupStatus.STOPPED);
	}

	@Test
	void offsetStandingStillWithLagForTheStallThresholdIsStalled() {
		assertThat(assess(2, 5L, 10, 0).status()).isEqualTo(GroupStatus.OK);
		assertThat(assess(2, 5L, 10, 59).status()).as("not yet 60 s").isNotEqualTo(GroupStatus.STALLED);

		Assessment stalled = assess(2, 5L, 10, 60);

		assertThat(stalled.status()).isEqualTo(GroupStatus.STALLED);
		assertThat(stalled.stalledPartitions()).containsExactly("order-events-0");
	}

	@Test
	void offsetStandingStillWithoutLagIsOk() {
		assess(2, 10L, 10, 0);

		assertThat(assess(2, 10L, 10, 600).status()).isEqualTo(GroupStatus.OK);
	}

	@Test
	void theStallClockStartsWhenLagAppearsNotWhenTheOffsetLastMoved() {
		// A new group idles with nothing to read (no committed offset) for ten minutes,
		// then
		// its first events arrive: it has had no time to read them yet.
		assess(2, null, 0, 0);
		assess(2, null, 0, 600);

		assertThat(assess(2, null, 3, 605).status()).isNotEqualTo(GroupStatus.STALLED);
		assertThat(assess(2, null, 3, 664).status()).isNotEqualTo(GroupStatus.STALLED);
		assertThat(assess(2, null, 3, 665).status()).isEqualTo(GroupStatus.STALLED);
	}

	@Test
	void aMovingOffsetRestartsTheStallClock() {
		assess(2, 5L, 10, 0);
		assess(2, 6L, 11, 50);

		assertThat(assess(2, 6L, 11, 100).status()).isNotEqualTo(GroupStatus.STALLED);
		assertThat(assess(2, 6L, 11, 110).status()).isEqualTo(GroupStatus.STALLED);
	}

	@Test
	void lagHigherThanOneTrendWindowAgoIsLagging() {
		assess(2, 0L, 10, 0);
		assess(2, 5L, 20, 20);

		Assessment lagging = assess(2, 10L, 30, 30);

		assertThat(lagging.status()).isEqualTo(GroupStatus.LAGGING);
		assertThat(lagging.reason()).contains("lag 20 messages, up from 10");
	}

	@Test
	void lagThatIsShrinkingIsOk() {
		assess(2, 0L, 100, 0);
		assess(2, 50L, 100, 20);

		assertThat(assess(2, 80L, 100, 30).status()).isEqualTo(GroupStatus.OK);
	}

	@Test
	void growthIsNotJudgedBeforeOneTrendWindowOfHistory() {
		assess(2, 0L, 10, 0);

		assertThat(assess(2, 1L, 50, 29).status()).isEqualTo(GroupStatus.OK);
	}

	/**
	 * One observation of a group with one partition of {@code order-events}.
	 */
	private Assessment assess(int members, Long committed, long logEnd, long secondsAfterStart) {
		long lag = logEnd - ((committed != null) ? committed : 0);
		PartitionLag partition = new PartitionLag("order-events", 0, committed, 0, logEnd, lag, lag > 0 ? 1.0 : 0.0);
		GroupObservation group = new GroupObservation("g", true, (members > 0) ? "stable" : "empty", members,
				List.of(partition), DeadLetterTopic.missing("g.order-events.dlt"));
		return this.tracker.assess(group, T0.plusSeconds(secondsAfterStart));
	}

}
