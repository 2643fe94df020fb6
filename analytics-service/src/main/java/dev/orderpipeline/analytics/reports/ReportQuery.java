package dev.orderpipeline.analytics.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;

/**
 * A validated report query: an inclusive range of UTC days and an optional currency. The
 * range is bounded so that a read touches at most {@value #MAX_DAYS} days of aggregate
 * rows.
 *
 * @param from first UTC day, inclusive
 * @param to last UTC day, inclusive
 * @param currency ISO 4217 code to restrict to, or null for all currencies
 */
record ReportQuery(LocalDate from, LocalDate to, String currency) {

	static final int MAX_DAYS = 366;

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	static ReportQuery of(LocalDate from, LocalDate to, String currency) {
		List<FieldError> errors = new ArrayList<>();
		collectErrors(from, to, currency, errors);
		refuseIfAny(errors);
		return new ReportQuery(from, to, currency);
	}

	/**
	 * Validates a top-N limit along with the range, so that one response lists every
	 * problem.
	 */
	static ReportQuery withLimit(LocalDate from, LocalDate to, String currency, int limit, int maxLimit) {
		List<FieldError> errors = new ArrayList<>();
		collectErrors(from, to, currency, errors);
		if (limit < 1 || limit > maxLimit) {
			errors.add(new FieldError("limit", "must be between 1 and " + maxLimit));
		}
		refuseIfAny(errors);
		return new ReportQuery(from, to, currency);
	}

	/**
	 * Well-formed but unacceptable parameters (a reversed or too long range, a limit out
	 * of bounds) are a 400 problem listing every offending parameter.
	 */
	private static void refuseIfAny(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequestException("Invalid report query", "The query parameters are not acceptable.",
					errors);
		}
	}

	private static void collectErrors(LocalDate from, LocalDate to, String currency, List<FieldError> errors) {
		if (from.isAfter(to)) {
			errors.add(new FieldError("to", "must not be before from (" + from + ")"));
		}
		else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
			errors.add(new FieldError("to", "the range may span at most " + MAX_DAYS + " days"));
		}
		if (currency != null && !CURRENCY.matcher(currency).matches()) {
			errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
		}
	}

}
