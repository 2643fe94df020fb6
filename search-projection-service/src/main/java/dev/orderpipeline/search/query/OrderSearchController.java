package dev.orderpipeline.search.query;

import java.util.Locale;

import dev.orderpipeline.search.freshness.Freshness;
import dev.orderpipeline.search.freshness.ProjectionFreshness;
import dev.orderpipeline.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order search. Who finds what is decided by the token ({@link SearchScope}), who may
 * search at all by the rule under {@code pipeline.security.access} in
 * {@code application.yml}.
 */
@RestController
@Tag(name = "Search", description = "Full-text search over the order documents")
class OrderSearchController {

	private final OrderDocumentSearch search;

	private final ProjectionFreshness freshness;

	OrderSearchController(OrderDocumentSearch search, ProjectionFreshness freshness) {
		this.search = search;
		this.freshness = freshness;
	}

	/*
	 * Parameters arrive as strings and are validated together in SearchParameters, so a
	 * bad value yields one 400 problem document listing every offending parameter.
	 */
	@GetMapping("/search/orders")
	@Operation(summary = "Search orders",
			description = "Only the caller's tenant's orders, and a customer's own orders only. "
					+ "Filters combine with AND. Results are ordered by placement time, newest first, "
					+ "then by order id. Orders seen only through their cancellation have no placement time "
					+ "and come last; from/to exclude them. The answer says how fresh the documents are "
					+ "(freshness, and the headers X-Projection-Applied-Through and X-Projection-Lag-Seconds): "
					+ "every event published before appliedThrough is reflected, so an order missing from the "
					+ "results was published at most lagSeconds ago, or does not exist for the caller.")
	ResponseEntity<SearchPage> searchOrders(
			@Parameter(description = "Web-search syntax over product names, SKUs, customer email and id "
					+ "(\"quoted phrases\", -exclusion, or); max 200 characters") @RequestParam(
							required = false) String q,
			@Parameter(description = "PLACED or CANCELLED") @RequestParam(required = false) String status,
			@Parameter(description = "Exact customer id") @RequestParam(required = false) String customerId,
			@Parameter(description = "Exact SKU of one of the order's lines") @RequestParam(
					required = false) String sku,
			@Parameter(description = "Placed at or after (RFC 3339, e.g. 2026-11-23T00:00:00Z)") @RequestParam(
					required = false) String from,
			@Parameter(description = "Placed before (RFC 3339), after from") @RequestParam(required = false) String to,
			@Parameter(description = "Zero-based page, default 0; page * size < 10000") @RequestParam(
					required = false) String page,
			@Parameter(description = "Page size 1-100, default 20") @RequestParam(required = false) String size,
			@Parameter(hidden = true) Caller caller) {
		// Read before searching: the documents are at least as fresh as this says.
		Freshness fresh = this.freshness.current();
		SearchPage found = this.search.search(SearchScope.of(caller),
				SearchParameters.parse(q, status, customerId, sku, from, to, page, size));
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (fresh.appliedThrough() != null) {
			response.header("X-Projection-Applied-Through", fresh.appliedThrough().toString())
				.header("X-Projection-Lag-Seconds", String.format(Locale.ROOT, "%.3f", fresh.lagSeconds()));
		}
		return response.body(found.withFreshness(fresh));
	}

}
