package dev.orderpipeline.analytics.reports;

import java.util.List;

/**
 * A report request whose parameters are well-formed but not acceptable (a reversed or too
 * long date range, a limit out of bounds...); answered with a 400 problem document
 * listing every offending parameter.
 */
class InvalidReportQuery extends RuntimeException {

	private final List<FieldError> errors;

	InvalidReportQuery(List<FieldError> errors) {
		super("Invalid report query: " + errors);
		this.errors = List.copyOf(errors);
	}

	List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One offending parameter.
	 *
	 * @param field the query parameter
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {

	}

}
