package dev.orderpipeline.search.freshness;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh the projection is: every event published to {@code order-events} before
 * {@code appliedThrough} is reflected in the documents. A search that finds nothing may
 * therefore miss only orders whose events were published later, at most
 * {@code lagSeconds} ago.
 *
 * @param appliedThrough every event published before this instant is applied; null until
 * the projection was first seen caught up after this instance started
 * @param lagSeconds now minus {@code appliedThrough}, an upper bound on the age of the
 * oldest event not yet applied; null when {@code appliedThrough} is
 */
public record Freshness(Instant appliedThrough, Double lagSeconds) {

	static Freshness at(Instant appliedThrough, Instant now) {
		if (appliedThrough == null) {
			return new Freshness(null, null);
		}
		return new Freshness(appliedThrough, Duration.between(appliedThrough, now).toMillis() / 1000.0);
	}

}
