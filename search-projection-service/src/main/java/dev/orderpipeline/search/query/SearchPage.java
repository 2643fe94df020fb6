package dev.orderpipeline.search.query;

import java.util.List;

import dev.orderpipeline.search.freshness.Freshness;

/**
 * One page of results, newest placement first. There is no total count: counting every
 * match of a full-text query costs as much as the query, and clients page with
 * {@code hasNext}.
 *
 * @param items the documents on this page
 * @param page zero-based page number
 * @param size the requested page size
 * @param hasNext whether another page follows
 * @param freshness how stale the documents may be: an order missing from the results may
 * have been published at most {@code lagSeconds} ago (also in the headers
 * {@code X-Projection-Applied-Through} and {@code X-Projection-Lag-Seconds})
 */
record SearchPage(List<OrderDocumentView> items, int page, int size, boolean hasNext, Freshness freshness) {

	SearchPage withFreshness(Freshness freshness) {
		return new SearchPage(this.items, this.page, this.size, this.hasNext, freshness);
	}

}
