package dev.orderpipeline.search.query;

import java.util.List;

/**
 * One page of results, newest placement first. There is no total count: counting every
 * match of a full-text query costs as much as the query, and clients page with
 * {@code hasNext}.
 *
 * @param items the documents on this page
 * @param page zero-based page number
 * @param size the requested page size
 * @param hasNext whether another page follows
 */
record SearchPage(List<OrderDocumentView> items, int page, int size, boolean hasNext) {

}
