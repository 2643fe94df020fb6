package dev.orderpipeline.monitor.reconciliation;

import org.springframework.http.HttpStatus;

/** A re-delivery that cannot be done as asked; nothing was published. */
class RedeliveryRefusedException extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	RedeliveryRefusedException(HttpStatus status, String title, String detail) {
		super(detail);
		this.status = status;
		this.title = title;
	}

	HttpStatus status() {
		return this.status;
	}

	String title() {
		return this.title;
	}

}
