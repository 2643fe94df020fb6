package dev.orderpipeline.search.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;

/**
 * Turns the raw query parameters into {@link SearchCriteria}, collecting every problem
 * instead of stopping at the first, so a client fixes its request in one round trip.
 * Parsed by hand rather than by data binding to give each parameter its own message.
 */
final class SearchParameters {

	static final int DEFAULT_PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	/**
	 * Deep offsets cost a scan of everything before them; a client that needs more should
	 * narrow the filters.
	 */
	static final int MAX_OFFSET = 10_000;

	static final int MAX_TEXT_LENGTH = 200;

	private final List<FieldError> errors = new ArrayList<>();

	private SearchParameters() {
	}

	static SearchCriteria parse(String q, String status, String customerId, String sku, String from, String to,
			String page, String size) {
		SearchParameters parameters = new SearchParameters();
		SearchCriteria criteria = new SearchCriteria(parameters.text("q", q, MAX_TEXT_LENGTH),
				parameters.status(status), parameters.text("customerId", customerId, 100),
				parameters.text("sku", sku, 100), parameters.instant("from", from), parameters.instant("to", to),
				parameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
				parameters.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
		if (criteria.from() != null && criteria.to() != null && !criteria.from().isBefore(criteria.to())) {
			parameters.reject("to", "must be after from");
		}
		if (criteria.offset() + criteria.size() > MAX_OFFSET) {
			parameters.reject("page", "page * size must stay below " + MAX_OFFSET + "; narrow the filters instead");
		}
		if (!parameters.errors.isEmpty()) {
			throw new InvalidRequestException("Invalid search parameters",
					"The search parameters are invalid; see errors.", parameters.errors);
		}
		return criteria;
	}

	private String text(String name, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > maxLength) {
			reject(name, "must be at most " + maxLength + " characters");
			return null;
		}
		return trimmed;
	}

	private OrderStatus status(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			reject("status", "must be one of " + List.of(OrderStatus.values()));
			return null;
		}
	}

	private Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			reject(name, "must be an RFC 3339 timestamp with offset, e.g. 2026-11-23T09:00:00Z");
			return null;
		}
	}

	private int integer(String name, String value, int defaultValue, int min, int max) {
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.strip());
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		reject(name, "must be an integer between " + min + " and " + max);
		return defaultValue;
	}

	private void reject(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

}
