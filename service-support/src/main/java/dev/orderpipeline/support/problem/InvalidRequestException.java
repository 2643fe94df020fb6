package dev.orderpipeline.support.problem;

import java.util.List;

/**
 * A request the service refuses field by field (a body member, a header, a query
 * parameter): answered with a 400 {@link ProblemTypes#VALIDATION validation} problem
 * listing every offending field under {@code errors}.
 */
public class InvalidRequestException extends RuntimeException {

	static final String DEFAULT_TITLE = "Invalid request";

	private final String title;

	private final String detail;

	private final List<FieldError> errors;

	/**
	 * @param title the problem's title, naming what was invalid ("Invalid report query")
	 * @param detail the problem's detail
	 * @param errors the offending fields, at least one
	 */
	public InvalidRequestException(String title, String detail, List<FieldError> errors) {
		super(title + ": " + errors);
		this.title = title;
		this.detail = detail;
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(List<FieldError> errors) {
		this(DEFAULT_TITLE, detailFor(errors), errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	static String detailFor(List<FieldError> errors) {
		return "The request has " + errors.size() + " invalid field(s).";
	}

}
