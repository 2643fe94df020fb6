package dev.orderpipeline.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults each round plays, drawn from the seed. A run of at least
 * {@link #FULL_COVERAGE_ROUNDS} rounds deals every kind at least three times (a shuffled
 * deck of three of each, one or two per round, then random extra draws); a shorter run
 * deals distinct kinds as far as its rounds go.
 */
final class FaultPlan {

	static final int FULL_COVERAGE_ROUNDS = 15;

	private FaultPlan() {
	}

	static List<List<FaultKind>> deal(int rounds, Random random) {
		List<FaultKind> deck = new ArrayList<>();
		int copies = (rounds >= FULL_COVERAGE_ROUNDS) ? 3 : 1;
		for (int i = 0; i < copies; i++) {
			deck.addAll(List.of(FaultKind.values()));
		}
		Collections.shuffle(deck, random);
		List<List<FaultKind>> plan = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			plan.add(new ArrayList<>());
		}
		// Spread the deck round-robin so no round gets more than its share, then give a
		// round that drew nothing one random fault.
		int cards = Math.min(deck.size(), rounds * 2);
		for (int i = 0; i < cards; i++) {
			List<FaultKind> round = plan.get(i % rounds);
			FaultKind kind = deck.get(i);
			if (round.contains(kind)) {
				round = plan.get((i + 1) % rounds);
			}
			round.add(kind);
		}
		for (List<FaultKind> round : plan) {
			if (round.isEmpty()) {
				round.add(FaultKind.values()[random.nextInt(FaultKind.values().length)]);
			}
		}
		return plan.stream().map(List::copyOf).toList();
	}

}
