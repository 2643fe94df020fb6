package dev.orderpipeline.search.query;

import java.util.List;

/** The search parameters were wrong; carries one entry per offending parameter. */
class InvalidSearchException extends RuntimeException {

	private final List<FieldError> errors;

	InvalidSearchException(List<FieldError> errors) {
		super("Invalid search parameters: " + errors);
		this.errors = List.copyOf(errors);
	}

	List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One invalid parameter.
	 *
	 * @param field the query parameter
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {

	}

}
