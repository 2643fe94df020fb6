package dev.orderpipeline.orders.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Stable problem type URIs (RFC 9457). Clients branch on these, never on titles or
 * details, so they never change once published.
 */
final class ProblemTypes {

	private static final String BASE = "https://errors.orderpipeline.dev/";

	static final URI VALIDATION = URI.create(BASE + "validation");

	static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");

	static final URI NOT_FOUND = URI.create(BASE + "not-found");

	static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");

	static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");

	static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");

	static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

	static final URI INSUFFICIENT_STOCK = URI.create(BASE + "insufficient-stock");

	static final URI INVALID_ORDER_TRANSITION = URI.create(BASE + "invalid-order-transition");

	static final URI STOCK_BELOW_RESERVED = URI.create(BASE + "stock-below-reserved");

	static final URI PRODUCT_EXISTS = URI.create(BASE + "product-exists");

	static final URI CONFLICT = URI.create(BASE + "conflict");

	static final URI IDEMPOTENCY_KEY_IN_PROGRESS = URI.create(BASE + "idempotency-key-in-progress");

	static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");

	static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");

	static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");

	static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

	static final URI HTTP_ERROR = URI.create(BASE + "http-error");

	private ProblemTypes() {
	}

	/** The type of a problem that has no more specific one. */
	static URI forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> RATE_LIMITED;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> (status >= 500) ? INTERNAL_ERROR : HTTP_ERROR;
		};
	}

	static String titleOf(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
