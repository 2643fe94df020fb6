package dev.orderpipeline.orders.web;

import java.util.List;

/** A request the web layer itself refuses (headers, query parameters). */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRequestException(List<FieldError> errors) {
		super("Invalid request: " + errors);
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	List<FieldError> errors() {
		return this.errors;
	}

}
