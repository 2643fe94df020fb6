package dev.orderpipeline.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest {

	@Test
	void aFullRunPlaysEveryFaultKindAtLeastThreeTimesAndEveryRoundSomething() {
		for (long seed = 0; seed < 200; seed++) {
			List<List<FaultKind>> plan = FaultPlan.deal(20, new Random(seed));

			assertThat(plan).hasSize(20)
				.allSatisfy((round) -> assertThat(round).isNotEmpty().hasSizeLessThanOrEqualTo(3));
			Map<FaultKind, Integer> played = new EnumMap<>(FaultKind.class);
			plan.forEach((round) -> round.forEach((kind) -> played.merge(kind, 1, Integer::sum)));
			assertThat(played).as("seed %d", seed).hasSize(FaultKind.values().length);
			assertThat(played.values()).as("seed %d", seed)
				.allSatisfy((times) -> assertThat(times).isGreaterThanOrEqualTo(3));
		}
	}

	@Test
	void aShortRunPlaysDistinctKinds() {
		List<List<FaultKind>> plan = FaultPlan.deal(3, new Random(7));

		List<FaultKind> all = plan.stream().flatMap(List::stream).toList();
		assertThat(all).hasSize(6).doesNotHaveDuplicates();
	}

	@Test
	void theSameSeedDealsTheSamePlan() {
		assertThat(FaultPlan.deal(20, new Random(42))).isEqualTo(FaultPlan.deal(20, new Random(42)));
		assertThat(FaultPlan.deal(20, new Random(42))).isNotEqualTo(FaultPlan.deal(20, new Random(43)));
	}

}
